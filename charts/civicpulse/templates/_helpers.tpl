{{/* Shared building blocks: every service template is a call to "civicpulse.component". */}}

{{- define "civicpulse.fullname" -}}
{{- if contains "civicpulse" .Release.Name -}}{{ .Release.Name | trunc 40 | trimSuffix "-" }}{{- else -}}{{ printf "%s-civicpulse" .Release.Name | trunc 40 | trimSuffix "-" }}{{- end -}}
{{- end -}}

{{- define "civicpulse.labels" -}}
app.kubernetes.io/name: civicpulse
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .name }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{- end -}}

{{- define "civicpulse.selectorLabels" -}}
app.kubernetes.io/name: civicpulse
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .name }}
{{- end -}}

{{/* The image of a service: its own override, else <registry>civicpulse-<name>:<tag>. */}}
{{- define "civicpulse.image" -}}
{{- $repo := .values.image.repository | default (printf "%scivicpulse-%s" .root.Values.image.registry .name) -}}
{{- $tag := .values.image.tag | default .root.Values.image.tag -}}
{{- printf "%s:%s" $repo $tag -}}
{{- end -}}

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
capabilities:
  drop: ["ALL"]
{{- end -}}

{{/* Settings every service reads, under its own prefix. */}}
{{- define "civicpulse.commonEnv" -}}
- name: {{ .prefix }}NATS_URL
  value: {{ .root.Values.nats.url | quote }}
- name: {{ .prefix }}CITY_PROFILE
  value: /etc/civicpulse/city-profile.yaml
- name: {{ .prefix }}LOG_LEVEL
  value: {{ .root.Values.logLevel | quote }}
{{- with .root.Values.otlpEndpoint }}
- name: {{ $.prefix }}OTLP_ENDPOINT
  value: {{ . | quote }}
{{- end }}
{{- end -}}

{{- define "civicpulse.databaseEnv" -}}
- name: {{ .prefix }}DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ .root.Values.database.existingSecret }}
      key: {{ .root.Values.database.secretKey }}
{{- end -}}

{{/*
A service: Deployment and Service.
Arguments: root (.), name (kebab-case), values (its values), env (extra env list, YAML string).
*/}}
{{- define "civicpulse.component" -}}
{{- $prefix := printf "CIVICPULSE_%s_" (.name | replace "-" "_" | upper) -}}
{{- $ctx := dict "root" .root "name" .name "values" .values "prefix" $prefix -}}
{{- if .values.enabled }}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "civicpulse.fullname" .root }}-{{ .name }}
  labels:
    {{- include "civicpulse.labels" $ctx | nindent 4 }}
spec:
  replicas: {{ .values.replicaCount }}
  selector:
    matchLabels:
      {{- include "civicpulse.selectorLabels" $ctx | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "civicpulse.labels" $ctx | nindent 8 }}
      annotations:
        checksum/config: {{ include (print .root.Template.BasePath "/configmap.yaml") .root | sha256sum }}
    spec:
      automountServiceAccountToken: false
      securityContext:
        {{- include "civicpulse.podSecurityContext" $ctx | nindent 8 }}
      terminationGracePeriodSeconds: 30
      containers:
        - name: {{ .name }}
          image: {{ include "civicpulse.image" $ctx | quote }}
          imagePullPolicy: {{ .root.Values.image.pullPolicy }}
          ports:
            - name: grpc
              containerPort: 50051
              protocol: TCP
          env:
            - name: {{ $prefix }}GRPC_PORT
              value: "50051"
            {{- include "civicpulse.commonEnv" $ctx | nindent 12 }}
            {{- with .env }}
            {{- . | nindent 12 }}
            {{- end }}
            {{- with .values.extraEnv }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
          readinessProbe:
            grpc:
              port: 50051
            periodSeconds: 5
          livenessProbe:
            grpc:
              port: 50051
            initialDelaySeconds: 20
            periodSeconds: 10
            failureThreshold: 6
          resources:
            {{- toYaml .values.resources | nindent 12 }}
          securityContext:
            {{- include "civicpulse.containerSecurityContext" $ctx | nindent 12 }}
          volumeMounts:
            - name: config
              mountPath: /etc/civicpulse
              readOnly: true
            - name: tmp
              mountPath: /tmp
      volumes:
        - name: config
          configMap:
            name: {{ include "civicpulse.fullname" .root }}-config
        - name: tmp
          emptyDir: {}
---
apiVersion: v1
kind: Service
metadata:
  name: {{ include "civicpulse.fullname" .root }}-{{ .name }}
  labels:
    {{- include "civicpulse.labels" $ctx | nindent 4 }}
spec:
  type: ClusterIP
  selector:
    {{- include "civicpulse.selectorLabels" $ctx | nindent 4 }}
  ports:
    - name: grpc
      port: 50051
      targetPort: grpc
      appProtocol: grpc
{{- end }}
{{- end -}}

{{/* A one-shot hook Job run by a service image. Arguments: root, name, values, weight, args, env. */}}
{{- define "civicpulse.hookJob" -}}
{{- $ctx := dict "root" .root "name" .name "values" .values -}}
apiVersion: batch/v1
kind: Job
metadata:
  name: {{ include "civicpulse.fullname" .root }}-{{ .name }}
  labels:
    {{- include "civicpulse.labels" $ctx | nindent 4 }}
  annotations:
    helm.sh/hook: pre-install,pre-upgrade
    helm.sh/hook-weight: {{ .weight | quote }}
    helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded
spec:
  backoffLimit: 3
  template:
    metadata:
      labels:
        {{- include "civicpulse.labels" $ctx | nindent 8 }}
    spec:
      restartPolicy: Never
      automountServiceAccountToken: false
      securityContext:
        {{- include "civicpulse.podSecurityContext" $ctx | nindent 8 }}
      containers:
        - name: {{ .name }}
          image: {{ include "civicpulse.image" (dict "root" .root "name" .image "values" .values) | quote }}
          imagePullPolicy: {{ .root.Values.image.pullPolicy }}
          command: ["python", "-m"]
          args: {{ toJson .args }}
          env:
            {{- .env | nindent 12 }}
          securityContext:
            {{- include "civicpulse.containerSecurityContext" $ctx | nindent 12 }}
          volumeMounts:
            - name: tmp
              mountPath: /tmp
      volumes:
        - name: tmp
          emptyDir: {}
{{- end -}}
