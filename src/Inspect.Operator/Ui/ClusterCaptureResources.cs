using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Inspect.Crds.Capture;
using Inspect.Crds.Common;
using Inspect.Operator.Kubernetes;
using Inspect.Ui;
using Inspect.Ui.Captures;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.AspNetCore.Http;

namespace Inspect.Operator.Ui;

/// <summary>
/// The Captures page in the cluster: every Capture in the namespaces where the caller may <c>get</c> Captures, with
/// its phase, nodes, artifacts (each node's part named as the UI opens it) and the headline of its analysis from
/// <c>status.summary</c>; and the creation form, which creates a Capture with the operator's own client once a
/// SubjectAccessReview says the caller may <c>create</c> Captures in that namespace. The API server's refusal
/// (schema, CEL rules, an existing name) comes back with its status and message.
/// </summary>
public sealed class ClusterCaptureResources(CaptureApi captures, CaptureAccess access, S3Output? defaultOutput) : ICaptureResources
{
    public async Task<JsonObject> ListAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var caller = KubernetesCaller.Of(http);
        var all = await captures.ListAsync(cancellationToken).ConfigureAwait(false);
        var list = new JsonArray();
        foreach (var group in all.GroupBy(c => c.Metadata.NamespaceProperty).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            if (!await access.MayGetAsync(caller, group.Key, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            foreach (var capture in group.OrderByDescending(c => c.Metadata.CreationTimestamp).ThenBy(c => c.Metadata.Name, StringComparer.Ordinal))
            {
                list.Add(Describe(capture));
            }
        }

        return new JsonObject
        {
            ["defaultStorage"] = defaultOutput is null ? null : $"s3://{defaultOutput.Bucket}/{defaultOutput.Prefix}",
            ["defaultEndpoint"] = defaultOutput?.Endpoint,
            ["captures"] = list,
        };
    }

    public async Task<JsonObject> CreateAsync(HttpContext http, JsonObject form, CancellationToken cancellationToken)
    {
        var caller = KubernetesCaller.Of(http);
        // The right to create is checked first: what the form says is of no concern to a caller without it.
        await access.DemandAsync(caller, "create", CaptureForm.Namespace(form), cancellationToken).ConfigureAwait(false);
        var capture = CaptureForm.Build(form, caller.Name);
        V1Alpha1Capture created;
        try
        {
            created = await captures.CreateAsync(capture, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e)
        {
            throw Refusal(e, capture);
        }

        return new JsonObject { ["namespace"] = created.Metadata.NamespaceProperty, ["name"] = created.Metadata.Name, ["uid"] = created.Metadata.Uid };
    }

    private static JsonObject Describe(V1Alpha1Capture capture)
    {
        var ns = capture.Metadata.NamespaceProperty;
        var name = capture.Metadata.Name;
        var status = capture.Status;
        var nodes = new JsonArray();
        foreach (var node in status?.Nodes ?? [])
        {
            var unavailable = ClusterCaptureCatalog.Unavailable(capture, node);
            nodes.Add(new JsonObject
            {
                ["node"] = node.Node,
                ["phase"] = node.Phase.ToString(),
                ["events"] = node.Events,
                ["bytes"] = node.Bytes,
                ["artifact"] = node.ArtifactUri,
                ["capture"] = $"{ns}/{name}/{node.Node}",
                ["unavailable"] = unavailable,
            });
        }

        return new JsonObject
        {
            ["namespace"] = ns,
            ["name"] = name,
            ["phase"] = status?.Phase?.ToString() ?? "Pending",
            ["created"] = capture.Metadata.CreationTimestamp?.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["createdBy"] = capture.Metadata.Annotations?.TryGetValue(CaptureForm.CreatedByAnnotation, out var by) == true ? by : null,
            ["trigger"] = capture.Spec?.Trigger?.Source.ToString(),
            ["duration"] = capture.Spec?.Duration,
            ["events"] = status?.Events,
            ["size"] = status?.Size,
            ["message"] = status?.Conditions?.FirstOrDefault(c => c.Type == ConditionTypes.Degraded && c.Status == ConditionStatus.True)?.Message,
            ["nodes"] = nodes,
            ["summary"] = status?.Summary is { } summary ? JsonNode.Parse(KubernetesJson.Serialize(summary)) : null,
        };
    }

    // The API server's refusal as the form shows it: its status where it is the caller's to fix, with its message.
    private static ApiException Refusal(HttpOperationException e, V1Alpha1Capture capture)
    {
        var status = e.Response.StatusCode;
        string? message = null;
        try
        {
            message = KubernetesJson.Deserialize<V1Status>(e.Response.Content ?? "")?.Message;
        }
        catch (JsonException)
        {
            // Not a Status: the code alone says what happened.
        }

        var what = $"Capture {capture.Metadata.NamespaceProperty}/{capture.Metadata.Name}";
        return status switch
        {
            HttpStatusCode.UnprocessableEntity or HttpStatusCode.BadRequest or HttpStatusCode.Conflict or HttpStatusCode.NotFound =>
                new ApiException((int)status, $"the API server refused {what}: {message ?? status.ToString()}"),
            HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized =>
                new ApiException(503, $"the operator may not create {what} (the API server answered {(int)status}: {message}); does its ClusterRole allow creating captures?"),
            _ => new ApiException(502, $"the API server answered {(int)status} to creating {what}: {message ?? e.Message}"),
        };
    }
}
