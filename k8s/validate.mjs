// Offline checks of Grid's rendered Kubernetes manifests, for CI and by hand:
//   kubectl kustomize k8s/overlays/prod | node k8s/validate.mjs -
//   node k8s/validate.mjs --json rendered.yaml        (last line: a JSON summary, for the tests)
// 1. Schema: every object with a model in the npm package kubernetes-models (ajv validators from
//    the Kubernetes OpenAPI) must validate. That catches wrong types, missing required fields and
//    bad enums, but not misspelled field names (the schemas allow unknown properties).
// 2. CRDs without a model (ServiceMonitor, CloudNativePG Cluster): the fields Grid relies on.
//    Any other kind without a model fails: a typo in a kind must not pass silently.
// 3. References: Secrets and ConfigMaps that pods read, Service, PDB and ServiceMonitor selectors,
//    the HPA's target, must point at objects that the same rendering contains.
// 4. Grid's pod rules: no privilege escalation, read-only root, ALL capabilities dropped, non-root,
//    resource requests; NET_RAW (and UID 0) only for the prober; /readyz and /healthz probes.
// 5. Orleans' Kubernetes hosting, for silos in cluster mode: downward-API variables, the orleans/*
//    pod labels, the silo and gateway ports, a Role with the pod verbs Orleans uses bound to the
//    pod's service account, and a NetworkPolicy that opens those ports to the silos only.
// 6. Exposure (issue 21): cluster silos read their TLS files from a mounted Secret and never run
//    plaintext; /metrics has a port of its own (Grid__Metrics__Listen) that only namespaces labelled
//    for metrics reach and that the ServiceMonitor scrapes; no egress rule reaches link-local
//    (169.254.0.0/16, cloud metadata) and internet-wide rules except the private ranges (RFC 1918,
//    fc00::/7, fe80::/10); no Service that serves the API selects the prober.
// The packages live outside git: GRID_K8S_NPM names the folder holding node_modules (default
// artifacts/k8s-npm beside this folder); .ci/run installs them there.
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const npmDir = path.resolve(process.env.GRID_K8S_NPM || path.join(repo, 'artifacts', 'k8s-npm'));
const modules = path.join(npmDir, 'node_modules');
for (const pkg of ['kubernetes-models', 'yaml']) {
  if (!existsSync(path.join(modules, pkg, 'package.json'))) {
    console.error(`npm package ${pkg} not found in ${modules}: run \`sudo bash .ci/run\`, or ` +
      `\`npm install --prefix ${npmDir} kubernetes-models@5.1.0 yaml\` (GRID_K8S_NPM names another folder)`);
    process.exit(2);
  }
}
const YAML = await import(pathToFileURL(path.join(modules, 'yaml', 'dist', 'index.js')).href);

const args = process.argv.slice(2);
const json = args.includes('--json');
const files = args.filter(a => a !== '--json');
if (files.length === 0) { console.error('usage: node k8s/validate.mjs [--json] FILE.yaml... (- for standard input)'); process.exit(2); }

const objects = [];
for (const file of files) {
  const text = readFileSync(file === '-' ? 0 : file, 'utf8');
  for (const doc of YAML.parseAllDocuments(text)) {
    if (doc.errors.length) { objects.push({ file, parseError: doc.errors.map(e => e.message).join('; ') }); continue; }
    const obj = doc.toJS();
    if (obj) objects.push({ file, obj });
  }
}

const failures = [];
const fail = (o, message) => failures.push(`${id(o)}: ${message}`);
const id = o => `${o?.kind ?? '?'}/${o?.metadata?.name ?? '?'}`;
const isMap = v => v !== null && typeof v === 'object' && !Array.isArray(v);

// 2. The CRDs Grid uses, by the fields their operators need.
const crds = {
  'monitoring.coreos.com/v1 ServiceMonitor': o => {
    if (!isMap(o.spec?.selector)) fail(o, 'spec.selector is missing');
    const endpoints = o.spec?.endpoints;
    if (!Array.isArray(endpoints) || endpoints.length === 0) fail(o, 'spec.endpoints needs at least one endpoint');
    for (const e of endpoints ?? []) {
      if (typeof e.port !== 'string' || !e.port) fail(o, 'each endpoint names a Service port by name (port)');
      if (e.path !== undefined && !String(e.path).startsWith('/')) fail(o, `endpoint path ${e.path} must start with /`);
    }
  },
  'cert-manager.io/v1 Issuer': o => {
    if (!['selfSigned', 'ca', 'acme', 'vault', 'venafi'].some(k => isMap(o.spec?.[k]))) fail(o, 'spec needs one issuer type (selfSigned, ca, …)');
    if (o.spec?.ca && !o.spec.ca.secretName) fail(o, 'spec.ca.secretName is missing');
  },
  'cert-manager.io/v1 Certificate': o => {
    if (!o.spec?.secretName) fail(o, 'spec.secretName is missing');
    if (!o.spec?.issuerRef?.name) fail(o, 'spec.issuerRef.name is missing');
  },
  'postgresql.cnpg.io/v1 Cluster': o => {
    if (!Number.isInteger(o.spec?.instances) || o.spec.instances < 1) fail(o, 'spec.instances must be an integer of at least 1');
    if (!/^\d+(\.\d+)?(Ki|Mi|Gi|Ti)$/.test(String(o.spec?.storage?.size ?? ''))) fail(o, 'spec.storage.size must be a quantity such as 50Gi');
  },
};

// 1 and 2.
const checked = [];
for (const { file, obj, parseError } of objects) {
  if (parseError) { failures.push(`${file}: YAML: ${parseError}`); continue; }
  if (typeof obj.apiVersion !== 'string' || typeof obj.kind !== 'string' || !obj.metadata?.name) {
    failures.push(`${file}: an object without apiVersion, kind or metadata.name`); continue;
  }
  const [group, version] = obj.apiVersion.includes('/') ? obj.apiVersion.split('/') : ['', obj.apiVersion];
  const modelFile = path.join(modules, 'kubernetes-models', group, version, `${obj.kind}.js`);
  let how;
  if (existsSync(modelFile)) {
    const Model = (await import(pathToFileURL(modelFile).href))[obj.kind];
    // kustomize wraps long Secret values at 76 columns; the API server's base64 decoder (Go's
    // encoding/base64) skips line breaks, the schema's "byte" format does not.
    const input = obj.kind === 'Secret' && isMap(obj.data)
      ? { ...obj, data: Object.fromEntries(Object.entries(obj.data).map(([k, v]) => [k, String(v).replace(/[\r\n]/g, '')])) }
      : obj;
    try { new Model(input).validate(); } catch (e) { fail(obj, `schema: ${e.message}`); }
    how = 'schema';
  } else if (crds[`${obj.apiVersion} ${obj.kind}`]) {
    if (!isMap(obj.spec)) fail(obj, 'spec is missing'); else crds[`${obj.apiVersion} ${obj.kind}`](obj);
    how = 'crd';
  } else {
    fail(obj, `${obj.apiVersion} ${obj.kind} has no model and is not a CRD this script knows`);
    how = 'unknown';
  }
  checked.push({ obj, how });
}

// 3. References inside the rendering.
const all = checked.map(c => c.obj);
const named = (kind, name) => all.find(o => o.kind === kind && o.metadata.name === name);
const podTemplates = all.filter(o => ['Deployment', 'StatefulSet', 'DaemonSet', 'Job'].includes(o.kind) && o.spec?.template);
const matches = (selector, labels) => Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v);
// CloudNativePG creates <cluster>-app (and -superuser) Secrets and the -rw/-ro/-r Services.
const cnpgSecrets = all.filter(o => o.kind === 'Cluster').map(o => `${o.metadata.name}-app`);
// cert-manager writes each Certificate's Secret, and an Issuer must exist for it.
const certificateSecrets = all.filter(o => o.kind === 'Certificate').map(o => o.spec?.secretName);
for (const c of all.filter(o => o.kind === 'Certificate')) {
  const issuer = c.spec?.issuerRef;
  if ((issuer?.kind ?? 'Issuer') === 'Issuer' && !named('Issuer', issuer?.name)) fail(c, `its issuer ${issuer?.name} is not in this rendering`);
}
for (const i of all.filter(o => o.kind === 'Issuer' && o.spec?.ca)) {
  if (!certificateSecrets.includes(i.spec.ca.secretName) && !named('Secret', i.spec.ca.secretName)) fail(i, `its CA Secret ${i.spec.ca.secretName} is not in this rendering`);
}

for (const w of podTemplates) {
  const pod = w.spec.template.spec ?? {};
  const refs = [];
  for (const c of [...(pod.containers ?? []), ...(pod.initContainers ?? [])]) {
    for (const e of c.envFrom ?? []) {
      if (e.secretRef) refs.push(['Secret', e.secretRef.name, e.secretRef.optional]);
      if (e.configMapRef) refs.push(['ConfigMap', e.configMapRef.name, e.configMapRef.optional]);
    }
    for (const e of c.env ?? []) {
      const s = e.valueFrom?.secretKeyRef, m = e.valueFrom?.configMapKeyRef;
      if (s) refs.push(['Secret', s.name, s.optional]);
      if (m) refs.push(['ConfigMap', m.name, m.optional]);
    }
  }
  for (const v of pod.volumes ?? []) {
    if (v.secret) refs.push(['Secret', v.secret.secretName, v.secret.optional]);
    if (v.configMap) refs.push(['ConfigMap', v.configMap.name, v.configMap.optional]);
  }
  for (const [kind, name, optional] of refs) {
    if (optional || named(kind, name) || (kind === 'Secret' && (cnpgSecrets.includes(name) || certificateSecrets.includes(name)))) continue;
    fail(w, `reads ${kind} ${name}, which this rendering does not contain`);
  }
}
for (const s of all.filter(o => o.kind === 'Service' && o.spec?.selector)) {
  if (!podTemplates.some(w => matches(s.spec.selector, w.spec.template.metadata?.labels))) fail(s, 'its selector matches no pod template');
}
for (const p of all.filter(o => o.kind === 'PodDisruptionBudget')) {
  if (!podTemplates.some(w => matches(p.spec?.selector?.matchLabels, w.spec.template.metadata?.labels))) fail(p, 'its selector matches no pod template');
}
for (const h of all.filter(o => o.kind === 'HorizontalPodAutoscaler')) {
  const t = h.spec?.scaleTargetRef;
  const target = t && named(t.kind, t.name);
  if (!target) fail(h, `scales ${t?.kind}/${t?.name}, which this rendering does not contain`);
  else if (h.spec.metrics?.some(m => m.resource?.name === 'cpu') &&
    target.spec.template.spec.containers.some(c => !c.resources?.requests?.cpu)) fail(h, 'scales on CPU, but its target has containers without a CPU request');
}
for (const m of all.filter(o => o.kind === 'ServiceMonitor')) {
  const services = all.filter(o => o.kind === 'Service' && matches(m.spec?.selector?.matchLabels, o.metadata.labels));
  if (services.length === 0) fail(m, 'its selector matches no Service');
  for (const e of m.spec?.endpoints ?? []) {
    if (!services.some(s => s.spec.ports?.some(p => p.name === e.port))) fail(m, `no selected Service has a port named ${e.port}`);
  }
}
// Dashboards in the shape Grafana's sidecar loads: each file a dashboard with a uid, title and panels.
for (const d of all.filter(o => o.kind === 'ConfigMap' && o.metadata.labels?.grafana_dashboard)) {
  for (const [key, text] of Object.entries(d.data ?? {})) {
    try {
      const dash = JSON.parse(text);
      if (!dash.uid || !dash.title || !Array.isArray(dash.panels)) fail(d, `${key}: a dashboard needs uid, title and panels`);
    } catch (e) { fail(d, `${key}: not JSON: ${e.message}`); }
  }
}

// 4. Grid's pod rules.
for (const w of podTemplates) {
  const pod = w.spec.template.spec ?? {};
  const prober = w.spec.template.metadata?.labels?.['app.kubernetes.io/component'] === 'prober';
  for (const c of [...(pod.containers ?? []), ...(pod.initContainers ?? [])]) {
    const where = `container ${c.name}`;
    const sc = c.securityContext ?? {};
    if (sc.allowPrivilegeEscalation !== false) fail(w, `${where}: set securityContext.allowPrivilegeEscalation: false`);
    if (sc.readOnlyRootFilesystem !== true) fail(w, `${where}: set securityContext.readOnlyRootFilesystem: true`);
    if (sc.privileged) fail(w, `${where}: must not be privileged`);
    if (!(sc.capabilities?.drop ?? []).includes('ALL')) fail(w, `${where}: drop ALL capabilities`);
    const added = sc.capabilities?.add ?? [];
    const allowed = prober ? ['NET_RAW'] : [];
    for (const cap of added) if (!allowed.includes(cap)) fail(w, `${where}: adds ${cap}; only the prober may add NET_RAW`);
    const nonRoot = sc.runAsNonRoot ?? pod.securityContext?.runAsNonRoot;
    const uid = sc.runAsUser ?? pod.securityContext?.runAsUser;
    if (!prober && (nonRoot !== true || uid === 0)) fail(w, `${where}: must run as non-root (runAsNonRoot: true, a UID other than 0)`);
    if (!c.resources?.requests?.cpu || !c.resources?.requests?.memory) fail(w, `${where}: set CPU and memory requests`);
    if (String(c.image).includes('grid')) {
      if (c.readinessProbe?.httpGet?.path !== '/readyz') fail(w, `${where}: readiness probe must be GET /readyz`);
      if (c.livenessProbe?.httpGet?.path !== '/healthz') fail(w, `${where}: liveness probe must be GET /healthz`);
      if (!c.startupProbe) fail(w, `${where}: needs a startup probe`);
    }
  }
}

// 5. Orleans on Kubernetes (Microsoft.Orleans.Hosting.Kubernetes 10.4.2, UseKubernetesHosting),
//    for every container in cluster mode (Grid__Cluster__Postgres):
//    - POD_NAME, POD_NAMESPACE and POD_IP from the downward API; ORLEANS_SERVICE_ID and
//      ORLEANS_CLUSTER_ID from the pod's labels orleans/serviceId and orleans/clusterId, which the
//      pod template carries (Orleans lists and watches the pods with both labels);
//    - container ports named silo and gateway on Grid:Cluster:SiloPort and :GatewayPort (11111 and
//      30000 unless set), none of the retired runtime's settings (Grid__Cluster__Listen, …);
//    - a service account with a token in the pod, bound by a RoleBinding to a Role that lets it
//      get, list, watch and patch pods;
//    - NetworkPolicy: the silo and gateway ports are open to the service's silos, and to nothing else.
const orleansPodVerbs = ['get', 'list', 'watch', 'patch'];
const downward = {
  POD_NAME: 'metadata.name',
  POD_NAMESPACE: 'metadata.namespace',
  POD_IP: 'status.podIP',
  ORLEANS_SERVICE_ID: "metadata.labels['orleans/serviceId']",
  ORLEANS_CLUSTER_ID: "metadata.labels['orleans/clusterId']",
};
const retired = ['Grid__Cluster__Listen', 'Grid__Cluster__AdvertisedAddress', 'Grid__Cluster__SiloId'];
const nsOf = o => o.metadata.namespace ?? null;
const selects = (selector, labels) => isMap(selector) && matches(selector.matchLabels, labels) && !(selector.matchExpressions?.length);
// Does a NetworkPolicy rule's port list cover this container port? No list means every port.
const covers = (ports, number, name) => !Array.isArray(ports) || ports.length === 0 ||
  ports.some(p => (p.protocol ?? 'TCP') === 'TCP' && (p.port === undefined || p.port === number || p.port === name ||
    (Number.isInteger(p.endPort) && Number.isInteger(p.port) && p.port <= number && number <= p.endPort)));
// A peer that is a pod of this service: a podSelector (this namespace only) requiring orleans/serviceId.
const isSiloPeer = (peer, serviceId) => isMap(peer) && !peer.namespaceSelector && !peer.ipBlock &&
  isMap(peer.podSelector) && peer.podSelector.matchLabels?.['orleans/serviceId'] === serviceId;
for (const w of podTemplates) {
  const template = w.spec.template;
  const pod = template.spec ?? {};
  const labels = template.metadata?.labels ?? {};
  for (const c of pod.containers ?? []) {
    const env = new Map((c.env ?? []).map(e => [e.name, e]));
    if (!env.has('Grid__Cluster__Postgres')) continue;
    const where = `container ${c.name}`;
    for (const [name, fieldPath] of Object.entries(downward)) {
      if (env.get(name)?.valueFrom?.fieldRef?.fieldPath !== fieldPath) fail(w, `${where}: ${name} must come from the downward API (fieldRef ${fieldPath})`);
    }
    for (const label of ['orleans/serviceId', 'orleans/clusterId']) {
      if (typeof labels[label] !== 'string' || !labels[label]) fail(w, `${where}: the pod template needs the label ${label} (Orleans' ClusterOptions)`);
    }
    for (const name of retired) if (env.has(name)) fail(w, `${where}: ${name} belongs to the retired grain runtime; Orleans takes POD_NAME and POD_IP`);
    const clusterPorts = [['silo', 'Grid__Cluster__SiloPort', 11111], ['gateway', 'Grid__Cluster__GatewayPort', 30000]]
      .map(([name, setting, fallback]) => ({ name, setting, number: Number(env.get(setting)?.value ?? fallback) }));
    for (const { name, setting, number } of clusterPorts) {
      const port = (c.ports ?? []).find(p => p.name === name);
      if (!port || port.containerPort !== number) fail(w, `${where}: needs a container port named ${name} on ${number} (${setting})`);
    }
    if (c.ports?.some(p => p.name === 'cluster' || p.containerPort === 5090)) fail(w, `${where}: port 5090 (cluster) belongs to the retired grain runtime`);

    // The API server: a token, and the verbs Orleans uses.
    const accountName = pod.serviceAccountName ?? 'default';
    const account = all.find(o => o.kind === 'ServiceAccount' && o.metadata.name === accountName && nsOf(o) === nsOf(w));
    if (!account && accountName !== 'default') fail(w, `${where}: its service account ${accountName} is not in this rendering`);
    if ((pod.automountServiceAccountToken ?? account?.automountServiceAccountToken ?? true) !== true) fail(w, `${where}: UseKubernetesHosting needs the service account token (automountServiceAccountToken: true)`);
    const granted = new Set();
    for (const b of all.filter(o => o.kind === 'RoleBinding' && nsOf(o) === nsOf(w))) {
      if (!(b.subjects ?? []).some(s => s.kind === 'ServiceAccount' && s.name === accountName && (s.namespace ?? nsOf(b)) === nsOf(w))) continue;
      const role = b.roleRef?.kind === 'Role' && all.find(o => o.kind === 'Role' && o.metadata.name === b.roleRef.name && nsOf(o) === nsOf(b));
      if (!role) { fail(b, `binds Role ${b.roleRef?.name}, which this rendering does not contain`); continue; }
      for (const r of role.rules ?? []) {
        if (!(r.apiGroups ?? []).some(g => g === '' || g === '*') || !(r.resources ?? []).some(x => x === 'pods' || x === '*')) continue;
        for (const v of r.verbs ?? []) granted.add(v);
      }
    }
    const missing = orleansPodVerbs.filter(v => !granted.has(v) && !granted.has('*'));
    if (missing.length) fail(w, `${where}: service account ${accountName} needs a Role bound to it with ${missing.join(', ')} on pods (Orleans' Kubernetes hosting)`);

    // The network: silos reach each other on both ports, and nothing else does.
    const policies = all.filter(o => o.kind === 'NetworkPolicy' && nsOf(o) === nsOf(w) && selects(o.spec?.podSelector ?? {}, labels));
    const ingressPolicies = policies.filter(p => (p.spec.policyTypes ?? ['Ingress']).includes('Ingress'));
    const egressPolicies = policies.filter(p => (p.spec.policyTypes ?? []).includes('Egress'));
    const serviceId = labels['orleans/serviceId'];
    for (const { name, number } of clusterPorts) {
      if (ingressPolicies.length === 0) { fail(w, `${where}: no NetworkPolicy guards the ${name} port ${number}`); continue; }
      const rules = ingressPolicies.flatMap(p => (p.spec.ingress ?? []).map(r => ({ p, r }))).filter(({ r }) => covers(r.ports, number, name));
      if (rules.length === 0) fail(w, `${where}: no NetworkPolicy lets the silos in on the ${name} port ${number}`);
      for (const { p, r } of rules) {
        if (!Array.isArray(r.from) || r.from.length === 0 || !r.from.every(peer => isSiloPeer(peer, serviceId))) {
          fail(p, `opens the ${name} port ${number} to more than the silos (from: only podSelectors with orleans/serviceId: ${serviceId})`);
        }
      }
      if (egressPolicies.length && !egressPolicies.some(p => (p.spec.egress ?? []).some(r => covers(r.ports, number, name) &&
          (!Array.isArray(r.to) || r.to.length === 0 || r.to.some(peer => isSiloPeer(peer, serviceId) || (isMap(peer.podSelector) && selects(peer.podSelector, labels))))))) {
        fail(w, `${where}: no NetworkPolicy lets the silos out to each other on the ${name} port ${number}`);
      }
    }
  }
}

// 6. Exposure (issue 21).
//    A container's settings: its env values, and the data of the ConfigMaps it reads whole.
const settingsOf = c => {
  const settings = new Map();
  for (const e of c.envFrom ?? []) {
    const m = e.configMapRef && named('ConfigMap', e.configMapRef.name);
    for (const [k, v] of Object.entries(m?.data ?? {})) settings.set(k, String(v));
  }
  for (const e of c.env ?? []) if (e.value !== undefined) settings.set(e.name, String(e.value));
  return settings;
};
const ipv4 = text => text.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
// Does the IPv4 block a contain all of block b ('10.0.0.0/8' contains '10.1.0.0/16')?
const contains = (a, b) => {
  const [an, al] = a.split('/'), [bn, bl] = b.split('/');
  if (an.includes(':') || bn.includes(':') || Number(bl) < Number(al)) return false;
  const size = 2 ** (32 - Number(al));
  return Math.floor(ipv4(an) / size) === Math.floor(ipv4(bn) / size);
};
const linkLocal = '169.254.0.0/16';
const privateV4 = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];
const privateV6 = ['fe80::/10', 'fc00::/7'];
for (const p of all.filter(o => o.kind === 'NetworkPolicy')) {
  for (const rule of p.spec?.egress ?? []) {
    for (const peer of rule.to ?? []) {
      const block = peer.ipBlock;
      if (!block) continue;
      const except = block.except ?? [];
      if (block.cidr === '0.0.0.0/0' || block.cidr === '::/0') {
        const needed = block.cidr === '0.0.0.0/0' ? [linkLocal, ...privateV4] : privateV6;
        const missing = needed.filter(n => !except.includes(n));
        if (missing.length) fail(p, `egress to ${block.cidr} must except ${missing.join(', ')} (metadata and private addresses)`);
      } else if (contains(linkLocal, block.cidr) || (contains(block.cidr, linkLocal) && !except.some(e => contains(e, linkLocal)))) {
        fail(p, `egress to ${block.cidr} reaches ${linkLocal} (cloud metadata): except it`);
      }
    }
  }
}
for (const s of all.filter(o => o.kind === 'Service' && o.spec?.selector)) {
  if (!(s.spec.ports ?? []).some(p => p.name === 'http' || p.targetPort === 'http' || p.port === 5080)) continue;
  for (const w of podTemplates.filter(w => w.spec.template.metadata?.labels?.['app.kubernetes.io/component'] === 'prober')) {
    if (matches(s.spec.selector, w.spec.template.metadata.labels)) fail(s, `serves the API and selects the prober's pods (${w.metadata.name}): select app.kubernetes.io/component: silo`);
  }
}
for (const w of podTemplates) {
  const pod = w.spec.template.spec ?? {};
  const labels = w.spec.template.metadata?.labels ?? {};
  for (const c of (pod.containers ?? []).filter(c => String(c.image).includes('grid'))) {
    const where = `container ${c.name}`;
    const settings = settingsOf(c);
    const env = new Map((c.env ?? []).map(e => [e.name, e]));
    if (env.has('Grid__Cluster__Postgres')) {
      if (/^true$/i.test(settings.get('Grid__Cluster__AllowPlaintext') ?? '')) fail(w, `${where}: Grid__Cluster__AllowPlaintext is for loopback only; give the silos TLS files`);
      for (const key of ['Certificate', 'Key', 'CA']) {
        const file = settings.get(`Grid__Cluster__Tls__${key}`);
        if (!file) { fail(w, `${where}: cluster mode needs Grid__Cluster__Tls__${key} (mutual TLS between silos)`); continue; }
        const mount = (c.volumeMounts ?? []).find(m => file.startsWith(m.mountPath.replace(/\/?$/, '/')));
        const volume = mount && (pod.volumes ?? []).find(v => v.name === mount.name);
        if (!volume?.secret) fail(w, `${where}: Grid__Cluster__Tls__${key} (${file}) must be a file of a mounted Secret`);
      }
    }
    const listen = settings.get('Grid__Metrics__Listen');
    if (!listen) { fail(w, `${where}: set Grid__Metrics__Listen, so /metrics leaves the API's port`); continue; }
    const metricsPort = Number(listen.split(':').pop());
    if (!(c.ports ?? []).some(p => p.name === 'metrics' && p.containerPort === metricsPort)) fail(w, `${where}: needs a container port named metrics on ${metricsPort} (Grid__Metrics__Listen)`);
    const ingress = all.filter(o => o.kind === 'NetworkPolicy' && nsOf(o) === nsOf(w) && selects(o.spec?.podSelector ?? {}, labels))
      .flatMap(p => (p.spec.ingress ?? []).map(r => ({ p, r }))).filter(({ r }) => covers(r.ports, metricsPort, 'metrics'));
    if (ingress.length === 0) fail(w, `${where}: no NetworkPolicy lets Prometheus in on the metrics port ${metricsPort}`);
    for (const { p, r } of ingress) {
      if (!Array.isArray(r.from) || r.from.length === 0 || !r.from.every(peer => !peer.podSelector && !peer.ipBlock && peer.namespaceSelector?.matchLabels?.['grid.observatory/metrics-access'] === 'true')) {
        fail(p, `opens the metrics port ${metricsPort} to more than the namespaces labelled grid.observatory/metrics-access=true`);
      }
    }
  }
}
for (const m of all.filter(o => o.kind === 'ServiceMonitor')) {
  for (const e of m.spec?.endpoints ?? []) if (e.port !== 'metrics') fail(m, `scrapes port ${e.port}: scrape the port named metrics (Grid__Metrics__Listen)`);
}

for (const { obj, how } of checked) console.log(`${failures.some(f => f.startsWith(id(obj) + ':')) ? 'FAIL' : 'OK  '} ${obj.apiVersion} ${id(obj)} (${how})`);
for (const f of failures) console.log(`FAIL ${f}`);
console.log(`${checked.length} objects, ${failures.length} problems`);
if (json) {
  console.log(JSON.stringify({
    objects: checked.map(({ obj, how }) => ({
      apiVersion: obj.apiVersion, kind: obj.kind, name: obj.metadata.name, namespace: obj.metadata.namespace ?? null,
      checkedBy: how, replicas: [obj.spec?.replicas, obj.spec?.instances].find(Number.isInteger) ?? null,
      addedCapabilities: (obj.spec?.template?.spec?.containers ?? []).flatMap(c => c.securityContext?.capabilities?.add ?? []),
      manifest: obj,
    })),
    failures,
  }));
}
// exitCode, not exit(): exit() drops what a pipe has not yet taken of a large summary (64 KiB).
process.exitCode = failures.length || checked.length === 0 ? 1 : 0;
