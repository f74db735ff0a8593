{{/*
Names, labels and the snippets several templates share. The manifests themselves are in one
template per resource kind (deployments.yaml, services.yaml, ...), each looping over the services
listed in "civicpulse.services".
*/}}

{{/*
The services, as the chart needs to know them. civicpulse.runtime.catalogue declares them;
tests/unit/test_chart_catalogue.py checks the chart against it. Per service:
  name       kebab-case: object names, labels, env prefix (CIVICPULSE_FEATURE_STORE_), NATS user, image
  valuesKey  its block in values.yaml
  database   reads CIVICPULSE_<SERVICE>_DATABASE_URL (key <name>-url of the database Secret),
             reaches PostgreSQL, and has a migration hook Job
  files      what it reads besides the city profile: callers (the access Secret's callers file:
             services with gRPC methods), partners (the ConfigMap's agreements), keys (the Secret
             <valuesKey>.keysSecret, at /etc/civicpulse-keys)
  calls      the services it calls: egress to their gRPC ports, CIVICPULSE_<SERVICE>_<CALLED>_ADDRESS,
             and a token from <valuesKey>.<calledValuesKey>TokenSecret when that names a Secret
  web        serves browsers over HTTPS on 8443 (probed with GET /healthz) instead of gRPC, and is
             not on the bus (the console: it calls with each signed-in person's own token, on the
             called service's TLS port)
  settings   more settings from its values: env suffix -> values key
  consumes   the streams it reads with its durable consumer, named like the service
             (civicpulse.messaging.topology): what <valuesKey>.autoscaling scales it on
Who may reach a service: the services that call it, and its values' allowedClients when it has
that key (none of either: no one).
*/}}
{{- define "civicpulse.services" -}}
- {name: feature-store, valuesKey: featureStore, database: true, files: [callers, partners], calls: [], settings: {}, consumes: [EVENTS, TEXTS]}
- {name: scoring, valuesKey: scoring, database: true, files: [callers], calls: [feature-store], settings: {SCHEDULE_MINUTES: scheduleMinutes}, consumes: []}
- {name: notification, valuesKey: notification, database: true, files: [callers], calls: [], settings: {}, consumes: [SCORES]}
- {name: pseudonymisation, valuesKey: pseudonymisation, database: false, files: [partners, keys], calls: [], settings: {}, consumes: [RAW]}
- {name: ingestion, valuesKey: ingestion, database: false, files: [callers, partners], calls: [], settings: {}, consumes: []}
- {name: console, valuesKey: console, database: false, web: true, files: [callers, partners], calls: [scoring], settings: {SESSION_MINUTES: sessionMinutes, MAX_SESSIONS: maxSessions}, consumes: []}
{{- end -}}

{{/* The services whose values say enabled, as a list of the dicts above. Argument: the chart root. */}}
{{- define "civicpulse.enabledServices" -}}
{{- $enabled := list -}}
{{- range include "civicpulse.services" . | fromYamlArray -}}
{{- if (index $.Values .valuesKey).enabled -}}
{{- $enabled = append $enabled . -}}
{{- end -}}
{{- end -}}
{{- toYaml $enabled -}}
{{- end -}}

{{- define "civicpulse.fullname" -}}
{{- if contains "civicpulse" .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-civicpulse" .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* The name of a service's (or a hook's) objects, and of its Service. Arguments: root, name. */}}
{{- define "civicpulse.componentName" -}}
{{- printf "%s-%s" (include "civicpulse.fullname" .root) .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* CIVICPULSE_FEATURE_STORE_ for feature-store. Argument: the service name. */}}
{{- define "civicpulse.envPrefix" -}}
{{- printf "CIVICPULSE_%s_" (. | replace "-" "_" | upper) -}}
{{- end -}}

{{/*
Where files are mounted: the ConfigMap (city profile, its zones, partners), the TLS Secret (cert-manager's
keys tls.crt, tls.key, ca.crt), the callers file, pseudonymisation's keys file.
*/}}
{{- define "civicpulse.configDir" -}}/etc/civicpulse{{- end -}}
{{- define "civicpulse.tlsDir" -}}/etc/civicpulse-tls{{- end -}}
{{- define "civicpulse.accessDir" -}}/etc/civicpulse-access{{- end -}}
{{- define "civicpulse.keysDir" -}}/etc/civicpulse-keys{{- end -}}

{{/* The gRPC ports: TLS (a token says who calls) and, with TLS, mutual TLS (a client certificate does). */}}
{{- define "civicpulse.grpcPort" -}}50051{{- end -}}
{{- define "civicpulse.mtlsPort" -}}50052{{- end -}}
{{/* A web service's HTTPS port (the console's). */}}
{{- define "civicpulse.httpsPort" -}}8443{{- end -}}
{{/*
Every service's Prometheus endpoint, /metrics (civicpulse.runtime.metrics), on a port of its own: over TLS
with the service's certificate (plaintext with tls.enabled=false). Only networkPolicy.monitoring.peers reach it.
*/}}
{{- define "civicpulse.metricsPort" -}}9464{{- end -}}

{{/* Whether KEDA scales a service (its values' autoscaling.enabled; only consumers have that block). Argument: the service's values. */}}
{{- define "civicpulse.autoscaled" -}}
{{- if and (hasKey . "autoscaling") .autoscaling.enabled }}true{{ end -}}
{{- end -}}

{{/* The TLS Secret of a service or of the hooks: its own tlsSecret, else <fullname>-<name>-tls. Arguments: root, name, values. */}}
{{- define "civicpulse.tlsSecret" -}}
{{- .values.tlsSecret | default (printf "%s-tls" (include "civicpulse.componentName" .)) -}}
{{- end -}}

{{/* Arguments: root, name. */}}
{{- define "civicpulse.selectorLabels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/part-of: civicpulse
{{- end -}}

{{/* Every pod of the release: services, hook Jobs and the test Pod. Argument: the chart root. */}}
{{- define "civicpulse.releaseSelectorLabels" -}}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/part-of: civicpulse
{{- end -}}

{{/* Arguments: root, name (and component: service, hook, test, config, network). */}}
{{- define "civicpulse.labels" -}}
{{ include "civicpulse.selectorLabels" . }}
app.kubernetes.io/component: {{ .component | default "service" }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" }}
{{- end -}}

{{/* The metadata every object shares. Arguments: root, name (and component). */}}
{{- define "civicpulse.metadata" -}}
name: {{ include "civicpulse.componentName" . }}
namespace: {{ .root.Release.Namespace }}
labels:
  {{- include "civicpulse.labels" . | nindent 2 }}
{{- end -}}

{{/*
The image of a service: its own repository, else <image.registry>civicpulse-<name>; then
@<digest> when the service names one (the tag is then ignored), else :<tag> (its own, else
image.tag). Arguments: root, name, values (the service's).
*/}}
{{- define "civicpulse.image" -}}
{{- $repository := .values.image.repository | default (printf "%scivicpulse-%s" .root.Values.image.registry .name) -}}
{{- if .values.image.digest -}}
{{- printf "%s@%s" $repository .values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" $repository (.values.image.tag | default .root.Values.image.tag) -}}
{{- end -}}
{{- end -}}

{{- define "civicpulse.imagePullPolicy" -}}
{{- .values.image.pullPolicy | default .root.Values.image.pullPolicy -}}
{{- end -}}

{{/*
The pod spec fields every civicpulse pod shares: no service account token, no service links,
hardening (uid 10001 is the images' user), and the image pull Secrets (imagePullSecrets, then the
image's service's own). Arguments: root, values (the service whose image the pod runs).
*/}}
{{- define "civicpulse.podDefaults" -}}
automountServiceAccountToken: false
enableServiceLinks: false
securityContext:
  runAsNonRoot: true
  runAsUser: 10001
  runAsGroup: 10001
  fsGroup: 10001
  seccompProfile:
    type: RuntimeDefault
{{- with concat .root.Values.imagePullSecrets .values.imagePullSecrets | uniq }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/* Where a pod may run: nodeSelector, tolerations, affinity of the given values (a service's, or hooks). */}}
{{- define "civicpulse.scheduling" -}}
{{- $fields := dict -}}
{{- range $field := list "nodeSelector" "tolerations" "affinity" -}}
{{- with index $ $field }}{{ $_ := set $fields $field . }}{{ end -}}
{{- end -}}
{{- with $fields }}{{ toYaml . }}{{ end -}}
{{- end -}}

{{- define "civicpulse.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
privileged: false
runAsNonRoot: true
capabilities:
  drop: ["ALL"]
{{- end -}}

{{/*
A Secret mounted as files readable by the pod's group (fsGroup 10001) only: defaultMode 288 is
0440, and only the keys named. Arguments: volume, secretName, items (a list of keys, each a file
of its own name unless paths, a dict key -> file name, says otherwise).
*/}}
{{- define "civicpulse.secretVolume" -}}
{{- $paths := .paths | default dict -}}
- name: {{ .volume }}
  secret:
    secretName: {{ .secretName }}
    defaultMode: 288
    items:
      {{- range .items }}
      - key: {{ . }}
        path: {{ index $paths . | default . }}
      {{- end }}
{{- end -}}

{{/* An EnvVar reading a key of an existing Secret. Arguments: name, secret, key. */}}
{{- define "civicpulse.secretEnv" -}}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ .secret | quote }}
      key: {{ .key | quote }}
{{- end -}}

{{/* The TLS file settings (PEM files of the mounted TLS Secret). Argument: the variables' prefix. */}}
{{- define "civicpulse.tlsEnv" -}}
- name: {{ . }}TLS_CERT_FILE
  value: {{ printf "%s/tls.crt" (include "civicpulse.tlsDir" .) | quote }}
- name: {{ . }}TLS_KEY_FILE
  value: {{ printf "%s/tls.key" (include "civicpulse.tlsDir" .) | quote }}
- name: {{ . }}TLS_CA_FILE
  value: {{ printf "%s/ca.crt" (include "civicpulse.tlsDir" .) | quote }}
{{- end -}}

{{/*
Readiness and liveness: grpc.health.v1 Check on the gRPC port, which is NOT_SERVING until NATS
(and the database) are reachable and again when a consumer is stuck. The kubelet's native gRPC
probe speaks plaintext only, so with TLS the image's civicpulse.runtime.healthcheck asks over TLS,
reading the port and CA from the service's own settings and verifying the service's certificate
for the name of its Service. A web service (web: true) is asked GET /healthz on its HTTPS port by
the kubelet itself (which does not verify the certificate). Arguments: root, name, web.
*/}}
{{- define "civicpulse.probe" -}}
{{- if .web -}}
httpGet:
  path: /healthz
  port: https
  scheme: {{ ternary "HTTPS" "HTTP" .root.Values.tls.enabled }}
timeoutSeconds: 2
{{- else if .root.Values.tls.enabled -}}
exec:
  command:
    - python
    - -m
    - civicpulse.runtime.healthcheck
    - --service
    - {{ .name }}
    - --server-name
    - {{ include "civicpulse.componentName" . }}
timeoutSeconds: 5
{{- else -}}
grpc:
  port: {{ include "civicpulse.grpcPort" . }}
timeoutSeconds: 2
{{- end }}
{{- end -}}

{{/* NetworkPolicy egress rules, shared by the services and the hook Jobs. Each takes the chart root and renders a list item. */}}
{{- define "civicpulse.egressDns" -}}
- to:
    {{- toYaml .Values.networkPolicy.dns.peers | nindent 4 }}
  ports:
    - {protocol: UDP, port: 53}
    - {protocol: TCP, port: 53}
{{- end -}}

{{- define "civicpulse.egressNats" -}}
- to:
    {{- toYaml .Values.networkPolicy.nats.peers | nindent 4 }}
  ports:
    - {protocol: TCP, port: {{ .Values.networkPolicy.nats.port }}}
{{- end -}}

{{- define "civicpulse.egressDatabase" -}}
- to:
    {{- toYaml .Values.networkPolicy.database.peers | nindent 4 }}
  ports:
    - {protocol: TCP, port: {{ .Values.networkPolicy.database.port }}}
{{- end -}}

{{/* Only when traces are exported (otlpEndpoint set); renders nothing otherwise. */}}
{{- define "civicpulse.egressOtlp" -}}
{{- if .Values.otlpEndpoint -}}
- to:
    {{- toYaml .Values.networkPolicy.otlp.peers | nindent 4 }}
  ports:
    - {protocol: TCP, port: {{ .Values.networkPolicy.otlp.port }}}
{{- end -}}
{{- end -}}

{{/*
Hook annotations. Arguments: hook (pre-install,pre-upgrade or test), weight. Install hooks are
deleted once they succeed; test hooks stay until the next `helm test`, so `--logs` can read them.
*/}}
{{- define "civicpulse.hookAnnotations" -}}
helm.sh/hook: {{ .hook }}
helm.sh/hook-weight: {{ .weight | quote }}
helm.sh/hook-delete-policy: {{ ternary "before-hook-creation" "before-hook-creation,hook-succeeded" (eq .hook "test") }}
{{- end -}}
