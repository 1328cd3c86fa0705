// Checks every Kubernetes manifest under a folder (default: config/k8s) against the API's JSON schemas,
// without kubectl or a cluster: the schemas ship in the kubernetes-models packages from the npm registry.
//   npm ci --prefix scripts/k8s-schema && node scripts/k8s-schema/validate.mjs [config/k8s]
// Types, enums, patterns and required fields are checked; unknown keys are not (the JUnit tests in
// src/test/java/io/socketflow/deploy read every key the deployment depends on). Kustomize patches are
// partial by design, so a field they leave out is not an error there.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(process.argv[2] ?? join(here, "../../config/k8s"));

function yamlFiles(folder) {
  return readdirSync(folder).sort().flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

// apps/v1 + Deployment -> kubernetes-models/apps/v1/Deployment; v1 + Service -> kubernetes-models/v1/Service
function modelModule(apiVersion, kind) {
  if (apiVersion.startsWith("monitoring.coreos.com/")) {
    return `@kubernetes-models/prometheus-operator/${apiVersion}/${kind}`;
  }
  return `kubernetes-models/${apiVersion}/${kind}`;
}

const files = yamlFiles(root);
const documents = files.flatMap((file) =>
  parseAllDocuments(readFileSync(file, "utf8")).map((document, index) => {
    if (document.errors.length > 0) throw new Error(`${file}: ${document.errors[0].message}`);
    return { file, index, content: document.toJS() };
  }).filter(({ content }) => content !== null));
const patches = new Set(documents
  .filter(({ content }) => content.kind === "Kustomization")
  .flatMap(({ file, content }) => (content.patches ?? []).map((patch) => resolve(dirname(file), patch.path))));

let passed = 0;
let failed = 0;
for (const { file, index, content } of documents) {
  if (content.kind === "Kustomization") continue;
  const patch = patches.has(file);
  const label = `${relative(process.cwd(), file)}#${index} ${content.kind}/${content.metadata?.name}${patch ? " (patch)" : ""}`;
  let problems;
  try {
    const model = await import(modelModule(String(content.apiVersion), String(content.kind)));
    const Model = model[content.kind] ?? model.default;
    try {
      new Model(content).validate();
      problems = [];
    } catch (error) {
      problems = (error.errors ?? [{ message: error.message }])
        .filter((problem) => !(patch && problem.keyword === "required"))
        .map((problem) => `${problem.instancePath ?? ""} ${problem.message}`.trim());
    }
  } catch (error) {
    problems = [`no schema for ${content.apiVersion} ${content.kind} (${error.code ?? error.message})`];
  }
  if (problems.length === 0) {
    passed++;
    console.log(`PASS  ${label}`);
  } else {
    failed++;
    console.log(`FAIL  ${label}\n${problems.map((problem) => `        ${problem}`).join("\n")}`);
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
