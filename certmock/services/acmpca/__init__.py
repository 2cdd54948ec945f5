"""ACM Private CA (``acm-pca``)."""

from certmock.services.acmpca.backend import AcmPcaBackend
from certmock.services.acmpca.control import AcmPcaControl
from certmock.services.acmpca.handlers import HANDLERS
from certmock.services.acmpca.inventory import INVENTORY
from certmock.services.acmpca.shared import SERVICE_NAME
from certmock.services.acmpca.tagging import TAGGABLE
from certmock.services.definition import AnswerBeyondModel, ModelGaps, ServiceDefinition

DEFINITION = ServiceDefinition(
    name=SERVICE_NAME,
    factory="mock_acmpca",
    backend_factory=AcmPcaBackend,
    handlers=HANDLERS,
    inventory=INVENTORY,
    gaps=ModelGaps(
        answers_beyond_model=(
            AnswerBeyondModel(
                "TagList",
                "min",
                "ListTags of an untagged CA answers an empty Tags list. The shape is shared with "
                "the requests that add tags, which need one; AWS's JSON services write an empty "
                "list as [] (I).",
            ),
        ),
    ),
    controls=AcmPcaControl,
    controls_name="acmpca",
    taggable=TAGGABLE,
)
