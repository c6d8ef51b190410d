using System.Globalization;
using System.Text.Json.Nodes;
using Inspect.Crds.Capture;
using Inspect.Crds.Common;
using Inspect.Ui;
using k8s.Models;

namespace Inspect.Operator.Ui;

/// <summary>
/// The Captures page's form turned into a Capture: namespace, name, one kind of target (pod selector labels, pod
/// names, or node selector labels), duration, snaplen, filter and output (the operator's default storage, an S3
/// bucket, or a directory on each node). Only what must be parsed is checked here (labels, numbers); the API server
/// checks the rest against the CRD's schema and rules, and its answer goes back to the form.
/// </summary>
public static class CaptureForm
{
    /// <summary>The annotation naming who asked for a Capture through the UI (the operator creates it).</summary>
    public const string CreatedByAnnotation = InspectNames.Group + "/created-by";

    /// <summary>The namespace the form creates its Capture in (what the caller's right to create is checked for).</summary>
    public static string Namespace(JsonObject form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return Required(form, "namespace");
    }

    /// <summary>The Capture the form describes, created on behalf of <paramref name="user"/>.</summary>
    public static V1Alpha1Capture Build(JsonObject form, string user)
    {
        ArgumentNullException.ThrowIfNull(form);
        var ns = Required(form, "namespace");
        var name = Required(form, "name");
        var output = Text(form, "output") ?? "default";
        return new V1Alpha1Capture
        {
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = ns,
                Annotations = new Dictionary<string, string>(StringComparer.Ordinal) { [CreatedByAnnotation] = user },
            },
            Spec = new V1Alpha1CaptureSpec
            {
                Targets = Targets(form),
                Duration = Text(form, "duration"),
                Snaplen = Snaplen(form),
                Filter = Text(form, "filter"),
                Output = output switch
                {
                    "default" => null,
                    "s3" => new CaptureOutput
                    {
                        S3 = new S3Output
                        {
                            Bucket = Required(form, "bucket"),
                            Prefix = Text(form, "prefix"),
                            Endpoint = Text(form, "endpoint"),
                            CredentialsSecret = Text(form, "credentialsSecret") is { } secret ? new S3CredentialsSecret { Name = secret } : null,
                        },
                    },
                    "node" => new CaptureOutput { NodeDirectory = new NodeDirectoryOutput { Path = Required(form, "path") } },
                    _ => throw new ApiException(400, $"output '{output}': choose default, s3 or node"),
                },
                Trigger = new CaptureTrigger { Source = TriggerSource.Manual },
            },
        };
    }

    private static CaptureTargets Targets(JsonObject form)
    {
        var kind = Text(form, "target") ?? "";
        var value = Text(form, "targetValue") ?? throw new ApiException(400, "target: say which pods or nodes to record");
        return kind switch
        {
            "podSelector" => new CaptureTargets { PodSelector = Labels("pod selector", value) },
            "nodeSelector" => new CaptureTargets { NodeSelector = Labels("node selector", value) },
            "podNames" => new CaptureTargets { PodNames = [.. value.Split([',', ' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)] },
            _ => throw new ApiException(400, $"target '{kind}': choose podSelector, podNames or nodeSelector"),
        };
    }

    // KEY=VALUE pairs separated by commas, as matchLabels (`app=web,tier=front`).
    private static LabelSelector Labels(string what, string text)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var at = part.IndexOf('=', StringComparison.Ordinal);
            if (at <= 0 || part.Contains(' ', StringComparison.Ordinal) || part.AsSpan(at + 1).Contains('='))
            {
                throw new ApiException(400, $"{what}: expected KEY=VALUE pairs separated by commas (app=web,tier=front), not '{part}'");
            }

            labels[part[..at]] = part[(at + 1)..];
        }

        return labels.Count > 0 ? new LabelSelector { MatchLabels = labels } : throw new ApiException(400, $"{what}: give at least one KEY=VALUE label");
    }

    private static int? Snaplen(JsonObject form)
    {
        var text = Text(form, "snaplen");
        return text is null ? null
            : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
            : throw new ApiException(400, $"snaplen '{text}': a whole number of bytes (0 to 65000)");
    }

    private static string Required(JsonObject form, string field) =>
        Text(form, field) ?? throw new ApiException(400, $"{field}: required");

    // A field's text, trimmed; null when absent or blank. Numbers are taken as their text.
    private static string? Text(JsonObject form, string field)
    {
        var node = form[field];
        if (node is null)
        {
            return null;
        }

        if (node is not JsonValue value)
        {
            throw new ApiException(400, $"{field}: expected text");
        }

        var text = value.TryGetValue<string>(out var s) ? s : value.ToJsonString();
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }
}
