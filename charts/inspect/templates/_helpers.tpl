{{/* Chart name. */}}
{{- define "inspect.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name: release-chart, unless the release name already holds the chart name. */}}
{{- define "inspect.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "inspect.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels on every resource. */}}
{{- define "inspect.labels" -}}
helm.sh/chart: {{ include "inspect.chart" . }}
app.kubernetes.io/name: {{ include "inspect.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: inspect
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* Selector labels of one component: include "inspect.selectorLabels" (list . "operator"). */}}
{{- define "inspect.selectorLabels" -}}
{{- $root := index . 0 -}}
app.kubernetes.io/name: {{ include "inspect.name" $root }}
app.kubernetes.io/instance: {{ $root.Release.Name }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end }}

{{/* All labels of one component. */}}
{{- define "inspect.componentLabels" -}}
{{ include "inspect.labels" (index . 0) }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end }}

{{- define "inspect.operator.fullname" -}}
{{- printf "%s-operator" (include "inspect.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "inspect.agent.fullname" -}}
{{- printf "%s-agent" (include "inspect.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "inspect.operator.serviceAccountName" -}}
{{- if .Values.operator.serviceAccount.create }}
{{- default (include "inspect.operator.fullname" .) .Values.operator.serviceAccount.name }}
{{- else }}
{{- required "operator.serviceAccount.name is required when operator.serviceAccount.create is false" .Values.operator.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "inspect.agent.serviceAccountName" -}}
{{- if .Values.agent.serviceAccount.create }}
{{- default (include "inspect.agent.fullname" .) .Values.agent.serviceAccount.name }}
{{- else }}
{{- required "agent.serviceAccount.name is required when agent.serviceAccount.create is false" .Values.agent.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* Image reference: include "inspect.image" (list . .Values.operator.image). */}}
{{- define "inspect.image" -}}
{{- $root := index . 0 -}}
{{- $image := index . 1 -}}
{{- printf "%s:%s" $image.repository (default $root.Chart.AppVersion $image.tag) }}
{{- end }}

{{/* The Secret holding the mTLS material (ca.crt, agent.crt/key, operator.crt/key). */}}
{{- define "inspect.tlsSecretName" -}}
{{- if .Values.tls.generate }}
{{- printf "%s-tls" (include "inspect.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- required "tls.existingSecret is required when tls.generate is false" .Values.tls.existingSecret }}
{{- end }}
{{- end }}

{{/* The agent Service's DNS name, which the operator dials (one agent at a time, <pod-ip-dashed>.<svc>). */}}
{{- define "inspect.agent.serviceDns" -}}
{{- printf "%s.%s.svc" (include "inspect.agent.fullname" .) .Release.Namespace }}
{{- end }}

{{/* Environment for the default object storage, shared by the operator and the agent. */}}
{{- define "inspect.storageEnv" -}}
{{- with .Values.storage }}
- name: INSPECT_STORAGE_ENDPOINT
  value: {{ .endpoint | quote }}
- name: INSPECT_STORAGE_BUCKET
  value: {{ .bucket | quote }}
- name: INSPECT_STORAGE_REGION
  value: {{ .region | quote }}
- name: INSPECT_STORAGE_PREFIX
  value: {{ .prefix | quote }}
{{- if .existingSecret }}
- name: INSPECT_STORAGE_ACCESS_KEY
  valueFrom:
    secretKeyRef:
      name: {{ .existingSecret }}
      key: {{ .accessKeyKey }}
- name: INSPECT_STORAGE_SECRET_KEY
  valueFrom:
    secretKeyRef:
      name: {{ .existingSecret }}
      key: {{ .secretKeyKey }}
{{- end }}
{{- if .webIdentity.enabled }}
- name: AWS_WEB_IDENTITY_TOKEN_FILE
  value: /var/run/secrets/inspect/storage-token/token
- name: AWS_ROLE_ARN
  value: {{ required "storage.webIdentity.roleArn is required when storage.webIdentity.enabled is true" .webIdentity.roleArn | quote }}
{{- end }}
{{- end }}
{{- end }}

{{/* Checks of value combinations the schema cannot express. */}}
{{- define "inspect.validate" -}}
{{- if and .Values.storage.existingSecret .Values.storage.webIdentity.enabled }}
{{- fail "storage: set either existingSecret or webIdentity.enabled, not both" }}
{{- end }}
{{- if and (or .Values.storage.existingSecret .Values.storage.webIdentity.enabled) (not .Values.storage.endpoint) }}
{{- fail "storage.endpoint is required when storage credentials are configured" }}
{{- end }}
{{- if and .Values.storage.endpoint (not .Values.storage.bucket) }}
{{- fail "storage.bucket is required when storage.endpoint is set" }}
{{- end }}
{{- end }}

{{/*
CEL that is true when the boolean at path (a list of field names under object) is present and false; every level is
tested with has() first, since a missing field is an error in CEL:
include "inspect.redactionOptOut" (dict "object" "object" "path" (list "spec" "redaction" "enabled")).
*/}}
{{- define "inspect.redactionOptOut" -}}
{{- $expr := .object -}}
{{- $guards := list -}}
{{- range .path -}}
{{- $expr = printf "%s.%s" $expr . -}}
{{- $guards = append $guards (printf "has(%s)" $expr) -}}
{{- end -}}
{{- printf "%s && !%s" (join " && " $guards) $expr -}}
{{- end }}
