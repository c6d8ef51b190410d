namespace Inspect.Kubernetes.TestServer.Resources;

/// <summary>The built-in resources the operator, the agent and kubectl need.</summary>
public static class BuiltInResources
{
    private static readonly string[] ReviewVerbs = ["create"];

    /// <summary>Every built-in type.</summary>
    public static IReadOnlyList<ResourceType> All { get; } =
    [
        new() { Group = "", Version = "v1", Kind = "Namespace", Plural = "namespaces", Namespaced = false, ShortNames = ["ns"], StatusSubresource = true, SelectableFields = ["status.phase"] },
        new() { Group = "", Version = "v1", Kind = "Node", Plural = "nodes", Namespaced = false, ShortNames = ["no"], StatusSubresource = true, SelectableFields = ["spec.unschedulable"] },
        new()
        {
            Group = "", Version = "v1", Kind = "Pod", Plural = "pods", Namespaced = true, ShortNames = ["po"], Categories = ["all"], StatusSubresource = true,
            SelectableFields = ["spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "spec.hostNetwork", "status.phase", "status.podIP", "status.nominatedNodeName"],
        },
        new() { Group = "", Version = "v1", Kind = "Secret", Plural = "secrets", Namespaced = true, SelectableFields = ["type"] },
        new() { Group = "", Version = "v1", Kind = "ConfigMap", Plural = "configmaps", Namespaced = true, ShortNames = ["cm"] },
        new() { Group = "", Version = "v1", Kind = "ServiceAccount", Plural = "serviceaccounts", Namespaced = true, ShortNames = ["sa"] },
        new() { Group = "", Version = "v1", Kind = "Service", Plural = "services", Namespaced = true, ShortNames = ["svc"], Categories = ["all"], StatusSubresource = true },
        new()
        {
            Group = "", Version = "v1", Kind = "Event", Plural = "events", Namespaced = true, ShortNames = ["ev"],
            SelectableFields = ["involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid", "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type"],
        },
        new() { Group = "events.k8s.io", Version = "v1", Kind = "Event", Plural = "events", Namespaced = true, ShortNames = ["ev"] },
        new() { Group = "coordination.k8s.io", Version = "v1", Kind = "Lease", Plural = "leases", Namespaced = true },
        new() { Group = "apps", Version = "v1", Kind = "DaemonSet", Plural = "daemonsets", Namespaced = true, ShortNames = ["ds"], Categories = ["all"], StatusSubresource = true, TracksGeneration = true },
        new() { Group = "apps", Version = "v1", Kind = "Deployment", Plural = "deployments", Namespaced = true, ShortNames = ["deploy"], Categories = ["all"], StatusSubresource = true, TracksGeneration = true },
        new()
        {
            Group = "apiextensions.k8s.io", Version = "v1", Kind = "CustomResourceDefinition", Plural = "customresourcedefinitions",
            Namespaced = false, ShortNames = ["crd", "crds"], Categories = ["api-extensions"], StatusSubresource = true, TracksGeneration = true,
        },
        new() { Group = "authentication.k8s.io", Version = "v1", Kind = "TokenReview", Plural = "tokenreviews", Namespaced = false, Verbs = ReviewVerbs, CreateOnly = true },
        new() { Group = "authorization.k8s.io", Version = "v1", Kind = "SubjectAccessReview", Plural = "subjectaccessreviews", Namespaced = false, Verbs = ReviewVerbs, CreateOnly = true },
        new() { Group = "authorization.k8s.io", Version = "v1", Kind = "SelfSubjectAccessReview", Plural = "selfsubjectaccessreviews", Namespaced = false, Verbs = ReviewVerbs, CreateOnly = true },
    ];
}
