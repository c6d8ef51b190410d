using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Inspect.Alerts.Falco;
using Inspect.Crds.Capture;
using Inspect.Crds.Common;
using Inspect.Crds.Policy;
using Inspect.Operator.Core.Translation;
using k8s.Models;

namespace Inspect.Alerts.Policies;

/// <summary>
/// Stamps out the Capture a policy asks for on an alert: the template's spec, targeted at the alerting pod (or its
/// node), carrying the alert in <c>spec.trigger</c> and labels linking it to the policy and the pod. The name is derived
/// from the policy and the alert, so a repeated alert — even after an operator restart — names the same Capture and
/// cannot create a second one.
/// </summary>
public static class AlertCaptureFactory
{
    private const int MaxOutputLength = 2048;
    private const int MaxPolicyNamePrefix = 40;

    /// <summary>The Capture for <paramref name="alert"/> on <paramref name="pod"/> under <paramref name="policy"/>.</summary>
    public static V1Alpha1Capture Create(V1Alpha1CapturePolicy policy, FalcoAlert alert, ClusterPod pod)
    {
        var policyNamespace = policy.Metadata.NamespaceProperty ?? "";
        var spec = CopyOf(policy.Spec.Template.Spec);
        spec.Targets = (policy.Spec.Template.Scope ?? CaptureScope.Pod) == CaptureScope.Node && pod.NodeName is { } node
            ? new CaptureTargets { NodeSelector = new LabelSelector { MatchLabels = new Dictionary<string, string> { ["kubernetes.io/hostname"] = node } } }
            : new CaptureTargets { PodNames = [pod.Name] };
        spec.Trigger = new CaptureTrigger
        {
            Source = TriggerSource.Policy,
            AlertId = alert.Uuid,
            Rule = alert.Rule,
            Priority = alert.Priority,
            Time = alert.Time.UtcDateTime,
            Output = alert.Output.Length > MaxOutputLength ? alert.Output[..MaxOutputLength] : alert.Output,
            Policy = policy.Metadata.Name,
        };

        var metadata = new V1ObjectMeta
        {
            Name = NameFor(policy, alert),
            NamespaceProperty = pod.Namespace,
            Labels = new Dictionary<string, string>
            {
                [InspectNames.PolicyLabel] = policy.Metadata.Name,
                [InspectNames.PolicyNamespaceLabel] = policyNamespace,
                [InspectNames.PodUidLabel] = pod.Uid,
            },
        };

        // Owner references cannot cross namespaces; a cluster policy's Captures keep only the labels.
        if (policyNamespace == pod.Namespace && policy.Metadata.Uid is { } uid)
        {
            metadata.OwnerReferences =
            [
                new V1OwnerReference { ApiVersion = InspectNames.ApiVersion, Kind = "CapturePolicy", Name = policy.Metadata.Name, Uid = uid, BlockOwnerDeletion = false, Controller = false },
            ];
        }

        return new V1Alpha1Capture { Metadata = metadata, Spec = spec };
    }

    /// <summary><c>&lt;policy&gt;-&lt;10 hex digits of the alert's identity&gt;</c>, a valid object name.</summary>
    public static string NameFor(V1Alpha1CapturePolicy policy, FalcoAlert alert)
    {
        var identity = $"{policy.Metadata.NamespaceProperty}/{policy.Metadata.Name}\n{AlertDeduplicator.KeyOf(alert)}";
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..10];
        var prefix = policy.Metadata.Name.Length > MaxPolicyNamePrefix ? policy.Metadata.Name[..MaxPolicyNamePrefix] : policy.Metadata.Name;
        return prefix.TrimEnd('-', '.') + "-" + hash;
    }

    // The template belongs to the policy object (maybe cached); each Capture gets its own copy.
    private static V1Alpha1CaptureSpec CopyOf(V1Alpha1CaptureSpec spec) =>
        JsonSerializer.Deserialize<V1Alpha1CaptureSpec>(JsonSerializer.SerializeToUtf8Bytes(spec))!;
}
