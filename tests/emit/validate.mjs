// Validates the Kubernetes (Deployment, Job, HPA, Service, Secret), KEDA and Karpenter documents of the YAML files
// given with kubernetes-models: validators generated from Kubernetes'
// OpenAPI (apps/v1 Deployment, batch/v1 Job, autoscaling/v2 HPA) and the
// KEDA and Karpenter CRDs. `--expect-invalid FILE` must fail: the validators
// are live.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { Job } from "kubernetes-models/batch/v1/Job";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import { ScaledObject } from "@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject";
import { NodePool } from "@kubernetes-models/karpenter/karpenter.sh/v1/NodePool";
import { Secret } from "kubernetes-models/v1/Secret";
import { Service } from "kubernetes-models/v1/Service";

const kinds = {
  "apps/v1 Deployment": Deployment,
  "batch/v1 Job": Job,
  "autoscaling/v2 HorizontalPodAutoscaler": HorizontalPodAutoscaler,
  "keda.sh/v1alpha1 ScaledObject": ScaledObject,
  "karpenter.sh/v1 NodePool": NodePool,
  "v1 Secret": Secret,
  "v1 Service": Service,
};

function check(file) {
  const errors = [];
  let count = 0;
  for (const doc of parseAllDocuments(readFileSync(file, "utf8"))) {
    if (doc.errors.length) { errors.push(`${file}: YAML: ${doc.errors[0].message}`); continue; }
    const obj = doc.toJS();
    if (!obj) continue;
    const Model = kinds[`${obj.apiVersion} ${obj.kind}`];
    if (!Model) { errors.push(`${file}: no validator for ${obj.apiVersion} ${obj.kind}`); continue; }
    try { new Model(obj).validate(); count++; } catch (e) { errors.push(`${file}: ${obj.kind}: ${e.message}`); }
  }
  return { errors, count };
}

let failed = false;
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  const invalid = args[i] === "--expect-invalid";
  const file = invalid ? args[++i] : args[i];
  const { errors, count } = check(file);
  if (invalid) {
    if (errors.length) { console.log(`ok   ${file} refused: ${errors[0].slice(0, 160)}`); } else { console.log(`FAIL ${file} was accepted`); failed = true; }
  } else if (errors.length || count === 0) {
    console.log(`FAIL ${errors.join("\n     ") || file + ": no document"}`); failed = true;
  } else {
    console.log(`ok   ${file}: ${count} document(s) valid`);
  }
}
process.exit(failed ? 1 : 0);
