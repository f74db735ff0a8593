{{/*
Shared building blocks. A service template is one call to "civicpulse.component" with a
context dict:
  root      the chart root (.)
  name      the service, kebab-case (feature-store): object names, labels, env prefix
  values    the service's values (.Values.featureStore)
  database  true if it reads CIVICPULSE_<SERVICE>_DATABASE_URL from the database Secret
  env       its own settings: a list of EnvVar dicts whose names lack the prefix
Everything per service (Deployment, Service; later HPA, PodDisruptionBudget,
NetworkPolicy) is added in "civicpulse.component", never in a service template.
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

{{/* Arguments: root, name. */}}
{{- define "civicpulse.selectorLabels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
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

{{/* The image of a service: its own repository/tag, else <image.registry>civicpulse-<name>:<image.tag>. */}}
{{- define "civicpulse.image" -}}
{{- $repository := .values.image.repository | default (printf "%scivicpulse-%s" .root.Values.image.registry .name) -}}
{{- $tag := .values.image.tag | default .root.Values.image.tag -}}
{{- printf "%s:%s" $repository $tag -}}
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

{{/* A service's environment: common settings, database URL, its own settings, then extraEnv. */}}
{{- define "civicpulse.env" -}}
{{- $prefix := include "civicpulse.envPrefix" .name -}}
- name: {{ $prefix }}GRPC_PORT
  value: "50051"
- name: {{ $prefix }}NATS_URL
  value: {{ .root.Values.nats.url | quote }}
- name: {{ $prefix }}CITY_PROFILE
  value: {{ include "civicpulse.configFile" "city-profile.yaml" | quote }}
- name: {{ $prefix }}LOG_LEVEL
  value: {{ .root.Values.logLevel | quote }}
{{- with .root.Values.otlpEndpoint }}
- name: {{ $prefix }}OTLP_ENDPOINT
  value: {{ . | quote }}
{{- end }}
{{- if .database }}
{{ include "civicpulse.secretEnv" (dict "name" (printf "%sDATABASE_URL" $prefix) "secret" .root.Values.database.existingSecret "key" .root.Values.database.secretKey) }}
{{- end }}
{{- range .env }}
{{- $var := merge (dict "name" (printf "%s%s" $prefix .name)) (omit . "name") }}
{{ list $var | toYaml }}
{{- end }}
{{- with .values.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* A service's Deployment. Arguments: see the top of this file. */}}
{{- define "civicpulse.deployment" -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "civicpulse.componentName" . }}
  labels:
    {{- include "civicpulse.labels" . | nindent 4 }}
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
              containerPort: 50051
              protocol: TCP
          env:
            {{- include "civicpulse.env" . | nindent 12 }}
          # Native gRPC probes on the standard grpc.health.v1 service: readiness is
          # NOT_SERVING until NATS (and the database) are reachable.
          readinessProbe:
            grpc:
              port: 50051
            periodSeconds: 5
            failureThreshold: 3
          livenessProbe:
            grpc:
              port: 50051
            initialDelaySeconds: 20
            periodSeconds: 10
            failureThreshold: 6
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
            {{- with .secretFile }}
            - name: secret-file
              mountPath: {{ .mountPath }}
              readOnly: true
            {{- end }}
      volumes:
        - name: config
          configMap:
            name: {{ include "civicpulse.fullname" .root }}-config
        - name: tmp
          emptyDir:
            sizeLimit: 64Mi
        {{- with .secretFile }}
        # A secret the service reads as a file (e.g. pseudonymisation's keys), readable by its group only.
        - name: secret-file
          secret:
            secretName: {{ .secretName }}
            defaultMode: 0440
            items:
              - key: {{ .key }}
                path: {{ .path }}
        {{- end }}
{{- end -}}

{{/* A service's ClusterIP Service on the gRPC port. Arguments: root, name. */}}
{{- define "civicpulse.service" -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "civicpulse.componentName" . }}
  labels:
    {{- include "civicpulse.labels" . | nindent 4 }}
spec:
  type: ClusterIP
  selector:
    {{- include "civicpulse.selectorLabels" . | nindent 4 }}
  ports:
    - name: grpc
      port: 50051
      targetPort: grpc
      protocol: TCP
      appProtocol: grpc
{{- end -}}

{{/* A service's own identity in the cluster: no token mounted, no rights granted. Arguments: root, name. */}}
{{- define "civicpulse.serviceAccount" -}}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ include "civicpulse.componentName" . }}
  labels:
    {{- include "civicpulse.labels" . | nindent 4 }}
automountServiceAccountToken: false
{{- end -}}

{{/* At most one replica of a service down at a time for voluntary disruptions (drains, upgrades). */}}
{{- define "civicpulse.podDisruptionBudget" -}}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "civicpulse.componentName" . }}
  labels:
    {{- include "civicpulse.labels" . | nindent 4 }}
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      {{- include "civicpulse.selectorLabels" . | nindent 6 }}
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
{{- end }}
{{- end -}}

{{/*
A pre-install/pre-upgrade hook Job running a one-shot module of a service image.
Arguments: root, name (of the Job), image (the service whose image runs it), values (that
service's values), weight, args (python -m arguments), env (a YAML list of EnvVars).
*/}}
{{- define "civicpulse.hookJob" -}}
{{- $labels := dict "root" .root "name" .name "component" "hook" -}}
{{- $image := dict "root" .root "name" .image "values" .values -}}
apiVersion: batch/v1
kind: Job
metadata:
  name: {{ include "civicpulse.componentName" . }}
  labels:
    {{- include "civicpulse.labels" $labels | nindent 4 }}
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
      volumes:
        - name: tmp
          emptyDir:
            sizeLimit: 64Mi
{{- end -}}
