using System.Globalization;
using System.Text.RegularExpressions;
using Inspect.Analysis.Filtering;
using Inspect.Crds.Capture;
using Inspect.Crds.Common;
using Inspect.Redaction;
using Inspect.Redaction.Rules;

namespace Inspect.Operator.Core.Translation;

/// <summary>
/// Checks a Capture spec against <see cref="SpecRules"/>: everything the user wrote that reaches an agent (paths,
/// filters, sizes, names) is checked here, whatever the API server's schema already refused. Pure and total: it never
/// throws for a bad spec and reports every violation, not just the first.
/// </summary>
public static partial class SpecValidation
{
    /// <summary>The largest snaplen an agent accepts.</summary>
    public const int MaxSnaplen = 65000;

    /// <summary>Every rule <paramref name="spec"/> breaks, in rule order; empty when it is valid.</summary>
    public static IReadOnlyList<SpecViolation> Validate(V1Alpha1CaptureSpec spec, OperatorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(settings);
        var violations = new List<SpecViolation>();
        ValidateTargets(spec.Targets, violations);
        ValidateFilter(spec.Filter, violations);
        ValidateSizes(spec, settings, violations);
        ValidateOutput(spec.Output, settings, violations);
        ValidateRedaction(spec.Redaction, violations);
        if (!settings.AllowCaptureOptOut)
        {
            ValidateNoOptOut(spec.Redaction, violations);
        }

        return violations;
    }

    // The agents refuse these too, but only once the capture runs, node by node; refusing here starts nothing.
    private static void ValidateNoOptOut(CaptureRedaction? redaction, List<SpecViolation> violations)
    {
        const string Why = "which this cluster does not allow: the operator was not started with --allow-capture-opt-out (chart value redaction.allowCaptureOptOut)";
        if (redaction?.Enabled == false)
        {
            violations.Add(SpecRules.RedactionOptOut.Violation($"spec.redaction.enabled: false turns redaction off, {Why}"));
        }
        else if (redaction?.BuiltInRules == false)
        {
            violations.Add(SpecRules.RedactionOptOut.Violation($"spec.redaction.builtInRules: false turns the built-in redaction rules off, {Why}"));
        }
    }

    /// <summary>The rules an agent applies for <paramref name="redaction"/>; null when redaction is off.</summary>
    public static RedactionSettings? Redaction(CaptureRedaction? redaction) =>
        redaction?.Enabled == false
            ? null
            : new RedactionSettings(
                redaction?.BuiltInRules ?? true,
                [.. (redaction?.Rules ?? []).Select(r => new UserRuleDefinition(r.Name, r.Regex, r.Literal))]);

    // The agent compiles the same rules with the same code: what passes here cannot fail there.
    private static void ValidateRedaction(CaptureRedaction? redaction, List<SpecViolation> violations)
    {
        if (Redaction(redaction) is not { } settings)
        {
            return;
        }

        var names = new HashSet<string>(settings.BuiltInRules ? BuiltInRules.Names : [], StringComparer.Ordinal);
        foreach (var rule in settings.Rules)
        {
            try
            {
                rule.Compile("spec.redaction.rules");
                if (!names.Add(rule.Name))
                {
                    violations.Add(SpecRules.RedactionRule.Violation($"spec.redaction.rules: rule name '{rule.Name}' is used twice or is a built-in rule's"));
                }
            }
            catch (RedactionRuleException e)
            {
                violations.Add(SpecRules.RedactionRule.Violation(e.Message));
            }
        }

        if (!settings.BuiltInRules && settings.Rules.Count == 0)
        {
            violations.Add(SpecRules.RedactionRule.Violation("spec.redaction: builtInRules is false and no rules are given; set enabled: false to record without redaction"));
        }
    }

    private static void ValidateTargets(CaptureTargets? targets, List<SpecViolation> violations)
    {
        if (targets is null)
        {
            violations.Add(SpecRules.TargetKind.Violation("spec.targets is missing: name pods, nodes or containers"));
            return;
        }

        var kinds = new List<string>();
        if (targets.PodSelector is not null)
        {
            kinds.Add("podSelector");
        }

        if (targets.PodNames is { Count: > 0 })
        {
            kinds.Add("podNames");
        }

        if (targets.NodeSelector is not null)
        {
            kinds.Add("nodeSelector");
        }

        if (targets.ContainerIds is { Count: > 0 })
        {
            kinds.Add("containerIds");
        }

        if (kinds.Count != 1)
        {
            violations.Add(SpecRules.TargetKind.Violation(kinds.Count == 0
                ? "no target is set (empty lists count as unset): set one of podSelector, podNames, nodeSelector or containerIds"
                : $"{kinds.Count} target kinds are set ({string.Join(", ", kinds)}): set exactly one"));
        }

        if (targets.NamespaceSelector is not null && targets.PodSelector is null)
        {
            violations.Add(SpecRules.NamespaceSelectorWithoutPodSelector.Violation(
                "namespaceSelector is set without podSelector"));
        }

        ValidateSelector("podSelector", targets.PodSelector, violations);
        ValidateSelector("namespaceSelector", targets.NamespaceSelector, violations);
        ValidateSelector("nodeSelector", targets.NodeSelector, violations);

        foreach (var name in targets.PodNames ?? [])
        {
            if (name is null || name.Length > 253 || !DnsSubdomain().IsMatch(name))
            {
                violations.Add(SpecRules.PodName.Violation($"'{name}' is not a valid pod name"));
            }
        }

        foreach (var id in targets.ContainerIds ?? [])
        {
            if (TryNormaliseContainerId(id, out _, out _) is false)
            {
                violations.Add(SpecRules.ContainerId.Violation($"'{id}' is not a container id (12 to 64 hex digits)"));
            }
        }
    }

    private static void ValidateSelector(string name, LabelSelector? selector, List<SpecViolation> violations)
    {
        foreach (var requirement in selector?.MatchExpressions ?? [])
        {
            var count = requirement.Values?.Count ?? 0;
            if (string.IsNullOrEmpty(requirement.Key))
            {
                violations.Add(SpecRules.LabelSelector.Violation($"{name}: a matchExpressions entry has an empty key"));
            }
            else if (requirement.Operator is LabelSelectorOperator.In or LabelSelectorOperator.NotIn && count == 0)
            {
                violations.Add(SpecRules.LabelSelector.Violation(
                    $"{name}: '{requirement.Key}' uses {requirement.Operator} without values"));
            }
            else if (requirement.Operator is LabelSelectorOperator.Exists or LabelSelectorOperator.DoesNotExist && count > 0)
            {
                violations.Add(SpecRules.LabelSelector.Violation(
                    $"{name}: '{requirement.Key}' uses {requirement.Operator}, which takes no values"));
            }
        }

        foreach (var key in selector?.MatchLabels?.Keys ?? [])
        {
            if (string.IsNullOrEmpty(key))
            {
                violations.Add(SpecRules.LabelSelector.Violation($"{name}: matchLabels has an empty key"));
            }
        }
    }

    private static void ValidateFilter(string? filter, List<SpecViolation> violations)
    {
        if (string.IsNullOrWhiteSpace(filter))
        {
            return;
        }

        try
        {
            _ = FilterCompiler.Compile(filter);
        }
        catch (FilterException e)
        {
            violations.Add(SpecRules.Filter.Violation(
                $"filter does not compile at column {e.Column.ToString(CultureInfo.InvariantCulture)}: {e.Reason}"));
        }
    }

    private static void ValidateSizes(V1Alpha1CaptureSpec spec, OperatorSettings settings, List<SpecViolation> violations)
    {
        if (spec.Snaplen is < 0 or > MaxSnaplen)
        {
            violations.Add(SpecRules.Snaplen.Violation($"snaplen {spec.Snaplen} is outside 0..{MaxSnaplen}"));
        }

        if (spec.Duration is not null)
        {
            if (!Durations.TryParse(spec.Duration, out var duration))
            {
                violations.Add(SpecRules.DurationSyntax.Violation(
                    $"duration '{spec.Duration}' is not a Go duration (30s, 5m, 1h30m)"));
            }
            else if (duration <= TimeSpan.Zero)
            {
                violations.Add(SpecRules.DurationPositive.Violation($"duration '{spec.Duration}' is not positive"));
            }
            else if (duration > settings.MaxDuration)
            {
                violations.Add(SpecRules.DurationMaximum.Violation(
                    $"duration '{spec.Duration}' exceeds the operator's maximum of {settings.MaxDuration}"));
            }
        }

        if (spec.PreTrigger is not null)
        {
            if (!Durations.TryParse(spec.PreTrigger, out var preTrigger))
            {
                violations.Add(SpecRules.PreTrigger.Violation($"preTrigger '{spec.PreTrigger}' is not a Go duration"));
            }
            else if (preTrigger > settings.MaxPreTrigger)
            {
                violations.Add(SpecRules.PreTrigger.Violation(
                    $"preTrigger '{spec.PreTrigger}' exceeds the operator's maximum of {settings.MaxPreTrigger}"));
            }
        }

        if (spec.MaxBytes is <= 0)
        {
            violations.Add(SpecRules.MaxBytes.Violation($"maxBytes {spec.MaxBytes} is not positive"));
        }

        if (spec.MaxEvents is <= 0)
        {
            violations.Add(SpecRules.MaxEvents.Violation($"maxEvents {spec.MaxEvents} is not positive"));
        }

        if (spec.Duration is null && spec.MaxBytes is null && spec.MaxEvents is null)
        {
            violations.Add(SpecRules.Limit.Violation("none of duration, maxBytes or maxEvents is set: a capture needs a limit"));
        }

        if (spec.TtlSecondsAfterFinished is < 0)
        {
            violations.Add(SpecRules.Ttl.Violation($"ttlSecondsAfterFinished {spec.TtlSecondsAfterFinished} is negative"));
        }
    }

    private static void ValidateOutput(CaptureOutput? output, OperatorSettings settings, List<SpecViolation> violations)
    {
        if (output is null)
        {
            if (settings.DefaultOutput is null)
            {
                violations.Add(SpecRules.OutputKind.Violation("spec.output is not set and the operator has no default output"));
            }

            return;
        }

        if ((output.S3 is null) == (output.NodeDirectory is null))
        {
            violations.Add(SpecRules.OutputKind.Violation(output.S3 is null
                ? "spec.output sets neither s3 nor nodeDirectory"
                : "spec.output sets both s3 and nodeDirectory"));
        }

        if (output.NodeDirectory is { } directory)
        {
            violations.AddRange(CheckNodeDirectory(directory.Path, settings.NodeDirectoryBasePath, out _));
        }

        if (output.S3 is { } s3)
        {
            ValidateS3(s3, violations);
        }
    }

    private static void ValidateS3(S3Output s3, List<SpecViolation> violations)
    {
        if (!IsValidBucketName(s3.Bucket))
        {
            violations.Add(SpecRules.BucketName.Violation($"'{s3.Bucket}' is not a valid bucket name"));
        }

        if (!string.IsNullOrEmpty(s3.Prefix) && !IsValidPrefix(s3.Prefix))
        {
            violations.Add(SpecRules.S3Prefix.Violation($"prefix '{s3.Prefix}' is not a safe key prefix"));
        }

        if (s3.Endpoint is not null
            && !(Uri.TryCreate(s3.Endpoint, UriKind.Absolute, out var uri)
                 && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
                 && !string.IsNullOrEmpty(uri.Host)))
        {
            violations.Add(SpecRules.S3Endpoint.Violation($"endpoint '{s3.Endpoint}' is not an http or https URL"));
        }

        if (s3.CredentialsSecret is not null && s3.WebIdentity is not null)
        {
            violations.Add(SpecRules.S3Credentials.Violation("both credentialsSecret and webIdentity are set"));
        }
    }

    /// <summary>
    /// Checks a user-supplied node directory and resolves it under <paramref name="basePath"/>. The path is
    /// percent-decoded (repeatedly) and backslashes read as slashes before the checks, so encoded traversal is caught.
    /// </summary>
    /// <param name="path">The spec's relative path.</param>
    /// <param name="basePath">The operator's absolute base path.</param>
    /// <param name="resolved">The normalised absolute directory when there is no violation; otherwise null.</param>
    public static IReadOnlyList<SpecViolation> CheckNodeDirectory(string? path, string basePath, out string? resolved)
    {
        resolved = null;
        var violations = new List<SpecViolation>();
        if (string.IsNullOrWhiteSpace(path))
        {
            violations.Add(SpecRules.NodeDirectoryCharacters.Violation("the node directory is empty"));
            return violations;
        }

        var decoded = Decode(path);
        if (decoded.StartsWith('/') || decoded.StartsWith('~') || DriveLetter().IsMatch(decoded))
        {
            violations.Add(SpecRules.NodeDirectoryAbsolute.Violation($"'{path}' is absolute; give a path relative to the base directory"));
        }

        if (decoded.Split('/').Any(segment => segment.Trim() == ".."))
        {
            violations.Add(SpecRules.NodeDirectoryTraversal.Violation($"'{path}' contains a '..' segment"));
        }

        if (!SafePath().IsMatch(path))
        {
            violations.Add(SpecRules.NodeDirectoryCharacters.Violation(
                $"'{path}' contains characters other than letters, digits, '.', '_', '-' and '/'"));
        }

        var normalisedBase = NormalisePosix(basePath);
        var candidate = NormalisePosix(normalisedBase + "/" + decoded);
        if (!IsUnder(candidate, normalisedBase))
        {
            violations.Add(SpecRules.NodeDirectoryOutsideBase.Violation(
                $"'{path}' resolves to '{candidate}', outside the base directory '{normalisedBase}'"));
        }

        if (violations.Count == 0)
        {
            resolved = candidate;
        }

        return violations;
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="basePath"/> or below it (both normalised).</summary>
    public static bool IsUnder(string path, string basePath) =>
        basePath == "/"
            ? path.StartsWith('/')
            : path == basePath || path.StartsWith(basePath + "/", StringComparison.Ordinal);

    /// <summary>
    /// Normalises a POSIX path lexically, without touching a file system: collapses <c>//</c> and <c>.</c>, applies
    /// <c>..</c> (never above the root for absolute paths), drops a trailing slash.
    /// </summary>
    public static string NormalisePosix(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var absolute = path.StartsWith('/');
        var stack = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            if (segment is "" or ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (stack.Count > 0 && stack[^1] != "..")
                {
                    stack.RemoveAt(stack.Count - 1);
                }
                else if (!absolute)
                {
                    stack.Add(segment);
                }

                continue;
            }

            stack.Add(segment);
        }

        var joined = string.Join('/', stack);
        return absolute ? "/" + joined : joined.Length == 0 ? "." : joined;
    }

    /// <summary>True for a valid S3 bucket name: 3–63 characters of lowercase letters, digits, dots and hyphens,
    /// starting and ending with a letter or digit, no <c>..</c>, not an IP address, no <c>xn--</c> prefix.</summary>
    public static bool IsValidBucketName(string? bucket) =>
        bucket is { Length: >= 3 and <= 63 }
        && BucketName().IsMatch(bucket)
        && !bucket.Contains("..", StringComparison.Ordinal)
        && !bucket.Contains(".-", StringComparison.Ordinal)
        && !bucket.Contains("-.", StringComparison.Ordinal)
        && !IpAddress().IsMatch(bucket)
        && !bucket.StartsWith("xn--", StringComparison.Ordinal);

    /// <summary>
    /// Splits a container id as written in a spec or a pod status (<c>containerd://3f2a...</c> or <c>3f2a...</c>)
    /// into its lowercase hex id and runtime scheme.
    /// </summary>
    public static bool TryNormaliseContainerId(string? text, out string id, out string? runtime)
    {
        id = "";
        runtime = null;
        if (text is null)
        {
            return false;
        }

        var match = ContainerIdPattern().Match(text.Trim());
        if (!match.Success)
        {
            return false;
        }

        id = match.Groups["id"].Value.ToLowerInvariant();
        runtime = match.Groups["runtime"].Success ? match.Groups["runtime"].Value : null;
        return true;
    }

    /// <summary>The prefix as a key prefix: empty, or ending with <c>/</c>.</summary>
    internal static string NormalisePrefix(string? prefix) =>
        string.IsNullOrEmpty(prefix) ? "" : prefix.EndsWith('/') ? prefix : prefix + "/";

    private static bool IsValidPrefix(string prefix) =>
        !prefix.StartsWith('/')
        && !prefix.Contains("//", StringComparison.Ordinal)
        && !prefix.Contains('\\', StringComparison.Ordinal)
        && !prefix.Any(char.IsControl)
        && !Decode(prefix).Split('/').Any(segment => segment is ".." or ".");

    private static string Decode(string text)
    {
        var current = text;
        for (var i = 0; i < 4; i++)
        {
            var next = Uri.UnescapeDataString(current);
            if (next == current)
            {
                break;
            }

            current = next;
        }

        return current.Replace('\\', '/');
    }

    [GeneratedRegex("^[A-Za-z0-9._/-]+$")]
    private static partial Regex SafePath();

    [GeneratedRegex("^[A-Za-z]:")]
    private static partial Regex DriveLetter();

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]*[a-z0-9]$")]
    private static partial Regex BucketName();

    [GeneratedRegex(@"^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$")]
    private static partial Regex IpAddress();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex DnsSubdomain();

    [GeneratedRegex("^(?:(?<runtime>[a-z0-9-]+)://)?(?<id>[0-9a-fA-F]{12,64})$")]
    private static partial Regex ContainerIdPattern();
}
