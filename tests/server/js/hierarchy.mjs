// The AWS SDK for JavaScript v3 against a certmock server: a private CA hierarchy (root and
// subordinate), an end-entity certificate issued from it and imported into ACM, paginated
// listings, RDS's CA certificates and API Gateway's client certificates.
//
//   node hierarchy.mjs INPUT.json
//
// INPUT.json: {"csr": PEM, "key": PEM, "dns_name": "...", "bad_acm_arn": "..."}: the end-entity
// CSR and its key, made by the caller (Node has no CSR builder), a domain for requested ACM
// certificates, and an ARN ACM must refuse. The endpoint comes from CERTMOCK_ENDPOINT (else
// AWS_ENDPOINT_URL), the region and credentials from the usual AWS_* variables. The script
// prints one JSON document on stdout; tests/server/test_js_sdk.py checks it.
import { readFileSync } from "node:fs";

import {
  ACMPCAClient,
  CreateCertificateAuthorityCommand,
  DescribeCertificateAuthorityCommand,
  GetCertificateAuthorityCertificateCommand,
  GetCertificateAuthorityCsrCommand,
  GetCertificateCommand,
  ImportCertificateAuthorityCertificateCommand,
  IssueCertificateCommand,
  waitUntilCertificateAuthorityCSRCreated,
  waitUntilCertificateIssued,
} from "@aws-sdk/client-acm-pca";
import {
  ACMClient,
  DescribeCertificateCommand,
  GetCertificateCommand as AcmGetCertificateCommand,
  ImportCertificateCommand,
  RequestCertificateCommand,
  paginateListCertificates,
} from "@aws-sdk/client-acm";
import { RDSClient, paginateDescribeCertificates } from "@aws-sdk/client-rds";
import {
  APIGatewayClient,
  GenerateClientCertificateCommand,
  GetClientCertificateCommand,
  paginateGetClientCertificates,
} from "@aws-sdk/client-api-gateway";

const input = JSON.parse(readFileSync(process.argv[2], "utf8"));
const endpoint = process.env.CERTMOCK_ENDPOINT ?? process.env.AWS_ENDPOINT_URL;
if (!endpoint) throw new Error("set CERTMOCK_ENDPOINT (or AWS_ENDPOINT_URL) to the server's URL");
// One attempt: an error the server sends reaches the summary as it was sent.
const config = { endpoint, maxAttempts: 1 };
const pca = new ACMPCAClient(config);
const acm = new ACMClient(config);
const rds = new RDSClient(config);
const apigateway = new APIGatewayClient(config);
const waiting = (client) => ({ client, maxWaitTime: 60, minDelay: 1, maxDelay: 2 });
const template = (name) => `arn:aws:acm-pca:::template/${name}/V1`;
const encoder = new TextEncoder();

async function createCa(type, commonName) {
  const { CertificateAuthorityArn: arn } = await pca.send(
    new CreateCertificateAuthorityCommand({
      CertificateAuthorityType: type,
      CertificateAuthorityConfiguration: {
        KeyAlgorithm: "RSA_2048",
        SigningAlgorithm: "SHA256WITHRSA",
        Subject: { CommonName: commonName, Organization: "certmock" },
      },
      IdempotencyToken: `${type}-${commonName}`.slice(0, 36),
    }),
  );
  await waitUntilCertificateAuthorityCSRCreated(waiting(pca), { CertificateAuthorityArn: arn });
  const { Csr } = await pca.send(
    new GetCertificateAuthorityCsrCommand({ CertificateAuthorityArn: arn }),
  );
  return { arn, csr: Csr };
}

async function issue(caArn, csr, templateName, validity) {
  const request = {
    CertificateAuthorityArn: caArn,
    Csr: encoder.encode(csr),
    SigningAlgorithm: "SHA256WITHRSA",
    Validity: validity,
  };
  if (templateName) request.TemplateArn = template(templateName);
  const { CertificateArn } = await pca.send(new IssueCertificateCommand(request));
  await waitUntilCertificateIssued(waiting(pca), {
    CertificateAuthorityArn: caArn,
    CertificateArn,
  });
  const got = await pca.send(
    new GetCertificateCommand({ CertificateAuthorityArn: caArn, CertificateArn }),
  );
  return { arn: CertificateArn, certificate: got.Certificate, chain: got.CertificateChain };
}

async function status(caArn) {
  const { CertificateAuthority } = await pca.send(
    new DescribeCertificateAuthorityCommand({ CertificateAuthorityArn: caArn }),
  );
  return CertificateAuthority.Status;
}

// No SDK waiter for ACTIVE: poll as a user would, a bounded number of times.
async function waitActive(caArn) {
  for (let attempt = 0; attempt < 30; attempt += 1) {
    const now = await status(caArn);
    if (now === "ACTIVE") return now;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  return status(caArn);
}

async function all(pages, key) {
  const items = [];
  let count = 0;
  for await (const page of pages) {
    count += 1;
    items.push(...(page[key] ?? []));
  }
  return { pages: count, items };
}

async function failure(promise) {
  try {
    await promise;
    return null;
  } catch (error) {
    return { name: error.name, status: error.$metadata?.httpStatusCode, message: error.message };
  }
}

const summary = {};

// The root: its own CSR, signed by itself with the root template, imported back.
const root = await createCa("ROOT", "certmock js root");
const rootCertificate = await issue(root.arn, root.csr, "RootCACertificate", {
  Type: "YEARS",
  Value: 10,
});
await pca.send(
  new ImportCertificateAuthorityCertificateCommand({
    CertificateAuthorityArn: root.arn,
    Certificate: encoder.encode(rootCertificate.certificate),
  }),
);
summary.root = {
  arn: root.arn,
  status: await waitActive(root.arn),
  certificate: rootCertificate.certificate,
};

// The subordinate: its CSR signed by the root with a subordinate template, imported with the
// root as its chain.
const subordinate = await createCa("SUBORDINATE", "certmock js issuing");
const subordinateCertificate = await issue(
  root.arn,
  subordinate.csr,
  "SubordinateCACertificate_PathLen0",
  { Type: "YEARS", Value: 5 },
);
await pca.send(
  new ImportCertificateAuthorityCertificateCommand({
    CertificateAuthorityArn: subordinate.arn,
    Certificate: encoder.encode(subordinateCertificate.certificate),
    CertificateChain: encoder.encode(rootCertificate.certificate),
  }),
);
const installed = await pca.send(
  new GetCertificateAuthorityCertificateCommand({ CertificateAuthorityArn: subordinate.arn }),
);
summary.subordinate = {
  arn: subordinate.arn,
  status: await waitActive(subordinate.arn),
  certificate: installed.Certificate,
  chain: installed.CertificateChain,
};

// An end-entity certificate from the subordinate, for the caller's CSR.
const leaf = await issue(subordinate.arn, input.csr, "EndEntityServerAuthCertificate", {
  Type: "DAYS",
  Value: 90,
});
summary.leaf = leaf;

// ACM: the leaf imported with its key and chain, two requested certificates, all listed one
// per page with the SDK's paginator.
const { CertificateArn: importedArn } = await acm.send(
  new ImportCertificateCommand({
    Certificate: encoder.encode(leaf.certificate),
    PrivateKey: encoder.encode(input.key),
    CertificateChain: encoder.encode(leaf.chain),
  }),
);
const requested = [];
for (const name of ["a", "b"]) {
  const { CertificateArn } = await acm.send(
    new RequestCertificateCommand({
      DomainName: `${name}.${input.dns_name}`,
      ValidationMethod: "DNS",
    }),
  );
  requested.push(CertificateArn);
}
const described = await acm.send(new DescribeCertificateCommand({ CertificateArn: importedArn }));
const exported = await acm.send(new AcmGetCertificateCommand({ CertificateArn: importedArn }));
const listed = await all(
  paginateListCertificates({ client: acm, pageSize: 1 }, {}),
  "CertificateSummaryList",
);
summary.acm = {
  imported: importedArn,
  requested,
  described: {
    type: described.Certificate.Type,
    domain: described.Certificate.DomainName,
    status: described.Certificate.Status,
    serial: described.Certificate.Serial,
    notAfter: described.Certificate.NotAfter?.toISOString(),
  },
  certificate: exported.Certificate,
  chain: exported.CertificateChain,
  listed: { pages: listed.pages, arns: listed.items.map((item) => item.CertificateArn) },
};

// RDS's CA certificates, through the paginator.
const rdsPages = [];
for await (const page of paginateDescribeCertificates({ client: rds }, {})) rdsPages.push(page);
summary.rds = {
  defaultForNewLaunches: rdsPages[0]?.DefaultCertificateForNewLaunches ?? null,
  certificates: rdsPages.flatMap((page) =>
    (page.Certificates ?? []).map((item) => ({
      identifier: item.CertificateIdentifier,
      type: item.CertificateType,
      validTill: item.ValidTill?.toISOString(),
    })),
  ),
};

// API Gateway: two client certificates, listed one per page.
const generated = [];
for (const description of ["js one", "js two"]) {
  const made = await apigateway.send(new GenerateClientCertificateCommand({ description }));
  generated.push(made.clientCertificateId);
}
const fetched = await apigateway.send(
  new GetClientCertificateCommand({ clientCertificateId: generated[0] }),
);
const clientCertificates = await all(
  paginateGetClientCertificates({ client: apigateway, pageSize: 1 }, {}),
  "items",
);
summary.apigateway = {
  generated,
  fetched: { description: fetched.description, pem: fetched.pemEncodedCertificate },
  listed: {
    pages: clientCertificates.pages,
    ids: clientCertificates.items.map((item) => item.clientCertificateId),
  },
};

// Errors come back as the SDK's named exceptions, with the status AWS sends.
const missingCa = root.arn.replace(/[0-9a-f]{8}-/, "00000000-");
summary.errors = {
  missingCaArn: missingCa,
  missingCa: await failure(
    pca.send(new DescribeCertificateAuthorityCommand({ CertificateAuthorityArn: missingCa })),
  ),
  badArn: await failure(
    acm.send(new DescribeCertificateCommand({ CertificateArn: input.bad_acm_arn })),
  ),
  missingClientCertificate: await failure(
    apigateway.send(new GetClientCertificateCommand({ clientCertificateId: "nosuchcert" })),
  ),
};

process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
