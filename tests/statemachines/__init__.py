"""Stateful (hypothesis ``RuleBasedStateMachine``) tests: certmock's services driven through boto3
and compared after every step with small models of the documented rules."""
