import { BAD_INPUTS, type BadInput } from "../bad-inputs";

const CLIENT = { engine: "client" };
const PEM_CERTIFICATE = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
const PEM_KEY = "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n";

/**
 * The bad-input table for a declaration that asks for the client engine: every row of the
 * server table that does not need a region migration to exist (those adopt one through
 * `migrationId`, which the client engine refuses as a whole, below), with `engine: "client"`
 * added, plus the client engine's own inputs.
 */
export const CLIENT_BAD_INPUTS: readonly BadInput[] = [
  ...BAD_INPUTS.filter((row) => !row.online && typeof row.news !== "function").map(
    (row): BadInput => ({ ...row, title: `${row.title} (client)`, news: { ...CLIENT, ...(row.news as object) }, ...(row.olds ? { olds: { ...row.olds, ...CLIENT } } : {}) }),
  ),
  ...(["clent", "SERVER", 42, ""] as unknown[]).map((engine): BadInput => ({ title: `engine ${JSON.stringify(engine)}`, news: { engine }, property: "engine", fix: /engine must be one of "auto", "server", "client"/ })),
  ...(["code.zip", "app.tar", "ftp://example.com/app.tar.gz"] as unknown[]).map(
    (sourceArchive): BadInput => ({ title: `sourceArchive ${JSON.stringify(sourceArchive)}`, news: { ...CLIENT, sourceArchive }, property: "sourceArchive", fix: /local \.tar\.gz path or an http\(s\) URL/ }),
  ),
  { title: "sourceArchive a number", news: { ...CLIENT, sourceArchive: 42 }, property: "sourceArchive", fix: /sourceArchive must be a string/ },
  { title: "certificates for something not a domain", news: { ...CLIENT, certificates: { "not a domain": { certificate: PEM_CERTIFICATE, privateKey: PEM_KEY } } }, property: "certificates", fix: /certificates must map domain names to \{certificate, privateKey\}/ },
  { title: "certificates without PEM", news: { ...CLIENT, certificates: { "www.shop.example.com": { certificate: "cert", privateKey: PEM_KEY } } }, property: "certificates", fix: /must be a PEM certificate/ },
  { title: "certificates key not a private key", news: { ...CLIENT, certificates: { "www.shop.example.com": { certificate: PEM_CERTIFICATE, privateKey: PEM_CERTIFICATE } } }, property: "certificates", fix: /must be a PEM private key/ },
  {
    title: "migrationId with the client engine",
    news: { ...CLIENT, migrationId: "00000000-0000-4000-8000-000000000000" },
    property: "migrationId",
    fix: /the client engine keeps its own \(set engine: "server", or drop migrationId\)/,
    online: true,
  },
];
