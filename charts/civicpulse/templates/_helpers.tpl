{{/*
Shared building blocks. A service template is one call to "civicpulse.component" with a
context dict:
  root      the chart root (.)
  name      the service, kebab-case (feature-store): object names, labels, env prefix, NATS user
  values    the service's values (.Values.featureStore)
  database  true if it reads CIVICPULSE_<SERVICE>_DATABASE_URL (key <name>-url of the database Secret)
            and may reach PostgreSQL
  callers   true if it has gRPC methods: it mounts the callers file from the access Secret
  env       its own settings: a list of EnvVar dicts whose names lack the prefix
  secretFile  optional: a file the service reads from a Secret (secretName, key, path, mountPath)
  ingress   who may reach its gRPC ports: "anywhere", or a list of NetworkPolicyPeers ([]: no one)
  egress    optional: more NetworkPolicy egress rules (a list of {to, ports}) than DNS, NATS,
            OTLP and, with database, PostgreSQL
Everything per service (Deployment, Service, ServiceAccount, PodDisruptionBudget,
NetworkPolicy; later HPA) is added in "civicpulse.component", never in a service template.
*/}}

{{- define "civicpulse.fullname" -}}
{{- if contains "civicpulse" .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-civicpulse" .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* The name of a service's objects. Arguments: root, name. */}}
{{- define "civicpulse.componentName" -}}
{{- printf "%s-%s" (include "civicpulse.fullname" .root) .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* CIVICPULSE_FEATURE_STORE_ for feature-store. Argument: the service name. */}}
{{- define "civicpulse.envPrefix" -}}
{{- printf "CIVICPULSE_%s_" (. | replace "-" "_" | upper) -}}
{{- end -}}

{{/* Where the ConfigMap is mounted, and the path of one of its files. Argument: the file name. */}}
{{- define "civicpulse.configDir" -}}/etc/civicpulse{{- end -}}
{{- define "civicpulse.configFile" -}}
{{- printf "%s/%s" (include "civicpulse.configDir" .) . -}}
{{- end -}}

{{/* Where the TLS Secret (cert-manager's keys tls.crt, tls.key, ca.crt) and the callers file are mounted. */}}
{{- define "civicpulse.tlsDir" -}}/etc/civicpulse-tls{{- end -}}
{{- define "civicpulse.accessDir" -}}/etc/civicpulse-access{{- end -}}

{{/* The gRPC ports: TLS (a token says who calls) and, with TLS, mutual TLS (a client certificate does). */}}
{{- define "civicpulse.grpcPort" -}}50051{{- end -}}
{{- define "civicpulse.mtlsPort" -}}50052{{- end -}}

{{/* The TLS Secret of a service: its own tlsSecret, else <fullname>-<name>-tls. Arguments: root, name, values. */}}
{{- define "civicpulse.tlsSecret" -}}
{{- .values.tlsSecret | default (printf "%s-tls" (include "civicpulse.componentName" .)) -}}
{{- end -}}

{{/* Arguments: root, name. */}}
{{- define "civicpulse.selectorLabels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/part-of: civicpulse
{{- end -}}

{{/* Every pod of the release, services and hook Jobs alike. Argument: the chart root. */}}
{{- define "civicpulse.releaseSelectorLabels" -}}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/part-of: civicpulse
{{- end -}}

{{/* Arguments: root, name. */}}
{{- define "civicpulse.labels" -}}
{{ include "civicpulse.selectorLabels" . }}
app.kubernetes.io/component: {{ .component | default "service" }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" }}
{{- end -}}

{{/* The metadata every object shares. Arguments: root, name (and component for labels). */}}
{{- define "civicpulse.metadata" -}}
name: {{ include "civicpulse.componentName" . }}
namespace: {{ .root.Release.Namespace }}
labels:
  {{- include "civicpulse.labels" . | nindent 2 }}
{{- end -}}

{{/*
The image of a service: its own repository, else <image.registry>civicpulse-<name>; then
@<digest> when the service names one (the tag is then ignored), else :<tag> (its own, else image.tag).
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

{{/* Pod-level hardening, shared by Deployments and Jobs (uid 10001 is the images' user). */}}
{{- define "civicpulse.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
fsGroup: 10001
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "civicpulse.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
privileged: false
runAsNonRoot: true
capabilities:
  drop: ["ALL"]
{{- end -}}

{{/* The pod spec fields every civicpulse pod shares. */}}
{{- define "civicpulse.podDefaults" -}}
automountServiceAccountToken: false
enableServiceLinks: false
securityContext:
  {{- include "civicpulse.podSecurityContext" . | nindent 2 }}
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
The Secret volumes of a pod, as a list of dicts (volume, secretName, items: key -> path, mountPath).
A service: its TLS Secret (with TLS), the callers file (services with methods), its own file.
Arguments: root, name, values, callers, secretFile.
*/}}
{{- define "civicpulse.secretVolumes" -}}
{{- $volumes := list -}}
{{- if .root.Values.tls.enabled -}}
{{- $volumes = append $volumes (dict "volume" "tls" "secretName" (include "civicpulse.tlsSecret" .) "mountPath" (include "civicpulse.tlsDir" .)
    "items" (list "tls.crt" "tls.key" "ca.crt")) -}}
{{- end -}}
{{- if .callers -}}
{{- $volumes = append $volumes (dict "volume" "access" "secretName" .root.Values.access.existingSecret "mountPath" (include "civicpulse.accessDir" .)
    "items" (list "callers.yaml")) -}}
{{- end -}}
{{- with .secretFile -}}
{{- $volumes = append $volumes (dict "volume" "secret-file" "secretName" .secretName "mountPath" .mountPath "items" (list .key) "paths" (dict .key .path)) -}}
{{- end -}}
{{- toYaml $volumes -}}
{{- end -}}

{{/* volumeMounts for the list of "civicpulse.secretVolumes"; nothing for an empty list. */}}
{{- define "civicpulse.secretMounts" -}}
{{- $mounts := list -}}
{{- range . -}}
{{- $mounts = append $mounts (dict "name" .volume "mountPath" .mountPath "readOnly" true) -}}
{{- end -}}
{{- with $mounts }}{{ toYaml . }}{{ end -}}
{{- end -}}

{{/*
volumes for the list of "civicpulse.secretVolumes", readable by the pod's group (fsGroup 10001)
only: defaultMode 288 is 0440. Nothing for an empty list.
*/}}
{{- define "civicpulse.secretVolumeSources" -}}
{{- $volumes := list -}}
{{- range . -}}
{{- $paths := .paths | default dict -}}
{{- $items := list -}}
{{- range .items -}}
{{- $items = append $items (dict "key" . "path" (index $paths . | default .)) -}}
{{- end -}}
{{- $volumes = append $volumes (dict "name" .volume "secret" (dict "secretName" .secretName "defaultMode" 288 "items" $items)) -}}
{{- end -}}
{{- with $volumes }}{{ toYaml . }}{{ end -}}
{{- end -}}

{{/* A service's environment: common settings, TLS, callers, database URL, its own settings, then extraEnv. */}}
{{- define "civicpulse.env" -}}
{{- $prefix := include "civicpulse.envPrefix" .name -}}
- name: {{ $prefix }}GRPC_PORT
  value: {{ include "civicpulse.grpcPort" . | quote }}
{{- if .root.Values.tls.enabled }}
- name: {{ $prefix }}GRPC_MTLS_PORT
  value: {{ include "civicpulse.mtlsPort" . | quote }}
{{ include "civicpulse.tlsEnv" $prefix }}
{{- else }}
# tls.enabled=false: gRPC and NATS without TLS, for local debugging only.
- name: {{ $prefix }}PLAINTEXT
  value: "true"
{{- end }}
- name: {{ $prefix }}NATS_URL
  value: {{ .root.Values.nats.url | quote }}
- name: {{ $prefix }}NATS_USER
  value: {{ .name | quote }}
{{ include "civicpulse.secretEnv" (dict "name" (printf "%sNATS_PASSWORD" $prefix) "secret" .root.Values.nats.credentialsSecret "key" (printf "%s-password" .name)) }}
- name: {{ $prefix }}CITY_PROFILE
  value: {{ include "civicpulse.configFile" "city-profile.yaml" | quote }}
- name: {{ $prefix }}LOG_LEVEL
  value: {{ .root.Values.logLevel | quote }}
{{- with .root.Values.otlpEndpoint }}
- name: {{ $prefix }}OTLP_ENDPOINT
  value: {{ . | quote }}
{{- end }}
{{- if .callers }}
- name: {{ $prefix }}CALLERS_FILE
  value: {{ printf "%s/callers.yaml" (include "civicpulse.accessDir" .) | quote }}
{{- end }}
{{- if .database }}
{{ include "civicpulse.secretEnv" (dict "name" (printf "%sDATABASE_URL" $prefix) "secret" .root.Values.database.existingSecret "key" (printf "%s-url" .name)) }}
{{- end }}
{{- range .env }}
{{- $var := merge (dict "name" (printf "%s%s" $prefix .name)) (omit . "name") }}
{{ list $var | toYaml }}
{{- end }}
{{- with .values.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/*
Readiness and liveness: grpc.health.v1 Check on the gRPC port, which is NOT_SERVING until NATS
(and the database) are reachable and again when a consumer is stuck. The kubelet's native gRPC
probe speaks plaintext only, so with TLS the image's own Python and grpcio ask over TLS, verifying
the service's certificate against the CA for the name of its Service. Arguments: root, name.
*/}}
{{- define "civicpulse.probe" -}}
{{- if .root.Values.tls.enabled -}}
exec:
  command:
    - python
    - -c
    - |
      import sys, grpc
      from grpc_health.v1 import health_pb2, health_pb2_grpc
      ca, port, name = sys.argv[1:]
      tls = grpc.ssl_channel_credentials(open(ca, "rb").read())
      with grpc.secure_channel(f"127.0.0.1:{port}", tls, options=[("grpc.ssl_target_name_override", name)]) as channel:
          status = health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(), timeout=4).status
      sys.exit(0 if status == health_pb2.HealthCheckResponse.SERVING else 1)
    - {{ printf "%s/ca.crt" (include "civicpulse.tlsDir" .) }}
    - {{ include "civicpulse.grpcPort" . | quote }}
    - {{ include "civicpulse.componentName" . }}
timeoutSeconds: 5
{{- else -}}
grpc:
  port: {{ include "civicpulse.grpcPort" . }}
timeoutSeconds: 2
{{- end }}
{{- end -}}

{{/* A service's Deployment. Arguments: see the top of this file. */}}
{{- define "civicpulse.deployment" -}}
{{- $secrets := include "civicpulse.secretVolumes" . | fromYamlArray -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  {{- include "civicpulse.metadata" . | nindent 2 }}
spec:
  replicas: {{ .values.replicaCount }}
  revisionHistoryLimit: 5
  selector:
    matchLabels:
      {{- include "civicpulse.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "civicpulse.labels" . | nindent 8 }}
      annotations:
        checksum/config: {{ include (print .root.Template.BasePath "/configmap.yaml") .root | sha256sum }}
    spec:
      {{- include "civicpulse.podDefaults" . | nindent 6 }}
      serviceAccountName: {{ include "civicpulse.componentName" . }}
      terminationGracePeriodSeconds: 30
      containers:
        - name: {{ .name }}
          image: {{ include "civicpulse.image" . | quote }}
          imagePullPolicy: {{ include "civicpulse.imagePullPolicy" . }}
          ports:
            - name: grpc
              containerPort: {{ include "civicpulse.grpcPort" . }}
              protocol: TCP
            {{- if .root.Values.tls.enabled }}
            - name: grpc-mtls
              containerPort: {{ include "civicpulse.mtlsPort" . }}
              protocol: TCP
            {{- end }}
          env:
            {{- include "civicpulse.env" . | nindent 12 }}
          readinessProbe:
            {{- include "civicpulse.probe" . | nindent 12 }}
            periodSeconds: 10
            failureThreshold: 3
          livenessProbe:
            {{- include "civicpulse.probe" . | nindent 12 }}
            initialDelaySeconds: 20
            periodSeconds: 20
            failureThreshold: 3
          resources:
            {{- toYaml .values.resources | nindent 12 }}
          securityContext:
            {{- include "civicpulse.containerSecurityContext" . | nindent 12 }}
          volumeMounts:
            - name: config
              mountPath: {{ include "civicpulse.configDir" . }}
              readOnly: true
            - name: tmp
              mountPath: /tmp
            {{- with include "civicpulse.secretMounts" $secrets }}
            {{- . | nindent 12 }}
            {{- end }}
      volumes:
        - name: config
          configMap:
            name: {{ include "civicpulse.fullname" .root }}-config
        - name: tmp
          emptyDir:
            sizeLimit: 64Mi
        {{- with include "civicpulse.secretVolumeSources" $secrets }}
        {{- . | nindent 8 }}
        {{- end }}
{{- end -}}

{{/* A service's ClusterIP Service on the gRPC ports. Arguments: root, name. */}}
{{- define "civicpulse.service" -}}
apiVersion: v1
kind: Service
metadata:
  {{- include "civicpulse.metadata" . | nindent 2 }}
spec:
  type: ClusterIP
  selector:
    {{- include "civicpulse.selectorLabels" . | nindent 4 }}
  ports:
    - name: grpc
      port: {{ include "civicpulse.grpcPort" . }}
      targetPort: grpc
      protocol: TCP
      appProtocol: grpc
    {{- if .root.Values.tls.enabled }}
    - name: grpc-mtls
      port: {{ include "civicpulse.mtlsPort" . }}
      targetPort: grpc-mtls
      protocol: TCP
      appProtocol: grpc
    {{- end }}
{{- end -}}

{{/* A service's own identity in the cluster: no token mounted, no rights granted. Arguments: root, name. */}}
{{- define "civicpulse.serviceAccount" -}}
apiVersion: v1
kind: ServiceAccount
metadata:
  {{- include "civicpulse.metadata" . | nindent 2 }}
automountServiceAccountToken: false
{{- end -}}

{{/* At most one replica of a service down at a time for voluntary disruptions (drains, upgrades). */}}
{{- define "civicpulse.podDisruptionBudget" -}}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  {{- include "civicpulse.metadata" . | nindent 2 }}
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      {{- include "civicpulse.selectorLabels" . | nindent 6 }}
{{- end -}}

{{/* NetworkPolicy egress rules. Each takes the chart root and renders a list item. */}}
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
A service's NetworkPolicy: its gRPC ports only from .ingress ("anywhere", or these peers; [] no
one), and out only to DNS, NATS, the OTLP collector (when set), PostgreSQL (database services)
and .egress. Everything else is refused by the release's default-deny policy (networkpolicy.yaml).
*/}}
{{- define "civicpulse.networkPolicy" -}}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  {{- include "civicpulse.metadata" . | nindent 2 }}
spec:
  podSelector:
    matchLabels:
      {{- include "civicpulse.selectorLabels" . | nindent 6 }}
  policyTypes: [Ingress, Egress]
  {{- if or (eq (toString .ingress) "anywhere") (not (empty .ingress)) }}
  ingress:
    - ports:
        - {protocol: TCP, port: {{ include "civicpulse.grpcPort" . }}}
        {{- if .root.Values.tls.enabled }}
        - {protocol: TCP, port: {{ include "civicpulse.mtlsPort" . }}}
        {{- end }}
      {{- if ne (toString .ingress) "anywhere" }}
      from:
        {{- toYaml .ingress | nindent 8 }}
      {{- end }}
  {{- else }}
  ingress: []
  {{- end }}
  egress:
    {{- include "civicpulse.egressDns" .root | nindent 4 }}
    {{- include "civicpulse.egressNats" .root | nindent 4 }}
    {{- with include "civicpulse.egressOtlp" .root }}
    {{- . | nindent 4 }}
    {{- end }}
    {{- if .database }}
    {{- include "civicpulse.egressDatabase" .root | nindent 4 }}
    {{- end }}
    {{- with .egress }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
{{- end -}}

{{/* Everything one service deploys, when enabled. */}}
{{- define "civicpulse.component" -}}
{{- if .values.enabled }}
{{ include "civicpulse.deployment" . }}
---
{{ include "civicpulse.service" . }}
---
{{ include "civicpulse.serviceAccount" . }}
---
{{ include "civicpulse.podDisruptionBudget" . }}
{{- if .root.Values.networkPolicy.enabled }}
---
{{ include "civicpulse.networkPolicy" . }}
{{- end }}
{{- end }}
{{- end -}}

{{/*
A pre-install/pre-upgrade hook Job running a one-shot module of a service image, and the
NetworkPolicy letting it out to what it needs (a hook itself, weight -1, so that it exists
before the Job even on the first install, when the release's other policies do not yet).
Arguments: root, name (of the Job), image (the service whose image runs it), values (that
service's values), weight, args (python -m arguments), env (a YAML list of EnvVars), egress (a
YAML list of NetworkPolicy egress rules besides DNS).
*/}}
{{- define "civicpulse.hookJob" -}}
{{- $labels := dict "root" .root "name" .name "component" "hook" -}}
{{- $image := dict "root" .root "name" .image "values" .values -}}
{{- $tls := dict "root" .root "name" "hooks" "values" .root.Values.hooks -}}
{{- $secrets := include "civicpulse.secretVolumes" $tls | fromYamlArray -}}
{{- if .root.Values.networkPolicy.enabled }}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  {{- include "civicpulse.metadata" $labels | nindent 2 }}
  annotations:
    helm.sh/hook: pre-install,pre-upgrade
    helm.sh/hook-weight: "-1"
    helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded
spec:
  podSelector:
    matchLabels:
      {{- include "civicpulse.selectorLabels" $labels | nindent 6 }}
  policyTypes: [Ingress, Egress]
  ingress: []
  egress:
    {{- include "civicpulse.egressDns" .root | nindent 4 }}
    {{- .egress | nindent 4 }}
---
{{- end }}
apiVersion: batch/v1
kind: Job
metadata:
  {{- include "civicpulse.metadata" $labels | nindent 2 }}
  annotations:
    helm.sh/hook: pre-install,pre-upgrade
    helm.sh/hook-weight: {{ .weight | quote }}
    helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded
spec:
  backoffLimit: {{ .root.Values.hooks.backoffLimit }}
  activeDeadlineSeconds: {{ .root.Values.hooks.activeDeadlineSeconds }}
  template:
    metadata:
      labels:
        {{- include "civicpulse.labels" $labels | nindent 8 }}
    spec:
      {{- include "civicpulse.podDefaults" . | nindent 6 }}
      restartPolicy: Never
      containers:
        - name: {{ .name }}
          image: {{ include "civicpulse.image" $image | quote }}
          imagePullPolicy: {{ include "civicpulse.imagePullPolicy" $image }}
          command: ["python", "-m"]
          args: {{ toJson .args }}
          env:
            {{- .env | nindent 12 }}
          resources:
            {{- toYaml .root.Values.hooks.resources | nindent 12 }}
          securityContext:
            {{- include "civicpulse.containerSecurityContext" . | nindent 12 }}
          volumeMounts:
            - name: tmp
              mountPath: /tmp
            {{- with include "civicpulse.secretMounts" $secrets }}
            {{- . | nindent 12 }}
            {{- end }}
      volumes:
        - name: tmp
          emptyDir:
            sizeLimit: 64Mi
        {{- with include "civicpulse.secretVolumeSources" $secrets }}
        {{- . | nindent 8 }}
        {{- end }}
{{- end -}}
