using System.Globalization;
using Inspect.Agent.Capture;
using Inspect.Cli.Commands;
using Inspect.Crds.Capture;
using Inspect.Crds.Common;
using k8s.Models;

namespace Inspect.Cli.Cluster;

/// <summary>The options of <c>inspect capture create NAME</c> that describe the Capture, turned into its spec. The
/// API server checks the result against the CRD's schema and CEL rules; this class only checks what it parses.</summary>
internal sealed class CaptureFlags
{
    private readonly List<string> _pods = [];
    private readonly List<string> _nodes = [];
    private readonly List<string> _containers = [];
    private string? _selector;
    private string? _nodeSelector;
    private string? _duration;
    private long? _maxBytes;
    private long? _maxEvents;
    private int? _snaplen;
    private string? _filter;
    private string? _output;
    private string? _endpoint;
    private string? _region;
    private string? _credentialsSecret;
    private int? _ttlSeconds;
    private bool _deleteArtifacts;

    /// <summary>True when any option describing the Capture was given (they cannot be combined with <c>-f</c>).</summary>
    public bool Any { get; private set; }

    public bool TryTake(string arg, ArgumentCursor cursor)
    {
        switch (arg)
        {
            case "-l" or "--selector":
                _selector = cursor.ValueOf(arg);
                break;
            case "--pod":
                _pods.Add(cursor.ValueOf(arg));
                break;
            case "--node":
                _nodes.Add(cursor.ValueOf(arg));
                break;
            case "--node-selector":
                _nodeSelector = cursor.ValueOf(arg);
                break;
            case "--container":
                _containers.Add(cursor.ValueOf(arg));
                break;
            case "--duration":
                _duration = GoDuration(arg, cursor.ValueOf(arg));
                break;
            case "--max-bytes":
                _maxBytes = Parse(arg, cursor.ValueOf(arg), QuantityParser.Bytes);
                break;
            case "--max-events":
                _maxEvents = Whole(arg, cursor.ValueOf(arg), 1, long.MaxValue);
                break;
            case "--snaplen":
                _snaplen = (int)Whole(arg, cursor.ValueOf(arg), 0, 65000);
                break;
            case "--filter":
                _filter = cursor.ValueOf(arg);
                break;
            case "--output":
                _output = cursor.ValueOf(arg);
                break;
            case "--endpoint":
                _endpoint = cursor.ValueOf(arg);
                break;
            case "--region":
                _region = cursor.ValueOf(arg);
                break;
            case "--credentials-secret":
                _credentialsSecret = cursor.ValueOf(arg);
                break;
            case "--ttl":
                _ttlSeconds = (int)Parse(arg, cursor.ValueOf(arg), t => (long)QuantityParser.Duration(t).TotalSeconds);
                break;
            case "--delete-artifacts":
                _deleteArtifacts = true;
                break;
            default:
                return false;
        }

        Any = true;
        return true;
    }

    /// <summary>The Capture named <paramref name="name"/> in <paramref name="ns"/>.</summary>
    public V1Alpha1Capture Build(string name, string ns)
    {
        var targetKinds = (_selector is null ? 0 : 1) + (_pods.Count > 0 ? 1 : 0) + (_nodes.Count > 0 || _nodeSelector is not null ? 1 : 0) + (_containers.Count > 0 ? 1 : 0);
        if (targetKinds != 1)
        {
            throw new UsageException("capture create needs exactly one kind of target: --selector, --pod, --node/--node-selector or --container");
        }

        if (_nodes.Count > 0 && _nodeSelector is not null)
        {
            throw new UsageException("capture create: --node and --node-selector cannot be combined");
        }

        if (_duration is null && _maxBytes is null && _maxEvents is null)
        {
            throw new UsageException("capture create needs a limit: --duration, --max-bytes or --max-events");
        }

        return new V1Alpha1Capture
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
            Spec = new V1Alpha1CaptureSpec
            {
                Targets = Targets(),
                Duration = _duration,
                MaxBytes = _maxBytes,
                MaxEvents = _maxEvents,
                Snaplen = _snaplen,
                Filter = _filter,
                Output = Output(),
                TtlSecondsAfterFinished = _ttlSeconds,
                DeleteArtifacts = _deleteArtifacts ? true : null,
                Trigger = new CaptureTrigger { Source = TriggerSource.Manual },
            },
        };
    }

    private CaptureTargets Targets()
    {
        if (_selector is not null)
        {
            return new CaptureTargets { PodSelector = Selector("--selector", _selector) };
        }

        if (_pods.Count > 0)
        {
            return new CaptureTargets { PodNames = _pods };
        }

        if (_containers.Count > 0)
        {
            return new CaptureTargets { ContainerIds = _containers };
        }

        // --node NAME is a node selector on the label every kubelet sets to its node's name.
        return new CaptureTargets
        {
            NodeSelector = _nodeSelector is not null
                ? Selector("--node-selector", _nodeSelector)
                : new LabelSelector
                {
                    MatchExpressions = [new LabelSelectorRequirement { Key = "kubernetes.io/hostname", Operator = LabelSelectorOperator.In, Values = _nodes }],
                },
        };
    }

    private CaptureOutput? Output()
    {
        if (_output is null)
        {
            if (_endpoint is not null || _region is not null || _credentialsSecret is not null)
            {
                throw new UsageException("capture create: --endpoint, --region and --credentials-secret go with --output s3://BUCKET[/PREFIX]");
            }

            return null;
        }

        if (_output.StartsWith("node:", StringComparison.Ordinal))
        {
            if (_endpoint is not null || _region is not null || _credentialsSecret is not null)
            {
                throw new UsageException("capture create: --endpoint, --region and --credentials-secret apply to S3 output, not node:PATH");
            }

            return new CaptureOutput { NodeDirectory = new NodeDirectoryOutput { Path = _output["node:".Length..] } };
        }

        if (!_output.StartsWith("s3://", StringComparison.Ordinal))
        {
            throw new UsageException($"capture create: --output takes s3://BUCKET[/PREFIX] or node:PATH, not '{_output}'");
        }

        var rest = _output["s3://".Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var bucket = slash < 0 ? rest : rest[..slash];
        var prefix = slash < 0 ? null : rest[(slash + 1)..];
        if (bucket.Length == 0)
        {
            throw new UsageException($"capture create: --output {_output} names no bucket");
        }

        return new CaptureOutput
        {
            S3 = new S3Output
            {
                Bucket = bucket,
                Prefix = string.IsNullOrEmpty(prefix) ? null : prefix.EndsWith('/') ? prefix : prefix + "/",
                Endpoint = _endpoint,
                Region = _region,
                CredentialsSecret = _credentialsSecret is null ? null : new S3CredentialsSecret { Name = _credentialsSecret },
            },
        };
    }

    /// <summary>An equality-based selector, <c>app=web,tier=front</c>, as matchLabels.</summary>
    private static LabelSelector Selector(string option, string text)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var at = part.IndexOf('=', StringComparison.Ordinal);
            var key = at <= 0 ? "" : part[..at];
            var value = at <= 0 ? "" : part[(at + 1)..].TrimStart('=');
            if (key.Length == 0 || key.EndsWith('!') || part.Contains(' ', StringComparison.Ordinal))
            {
                throw new UsageException($"{option} takes KEY=VALUE pairs separated by commas (app=web,tier=front), not '{part}'");
            }

            labels[key] = value;
        }

        return new LabelSelector { MatchLabels = labels };
    }

    private static string GoDuration(string option, string text)
    {
        var value = long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? text + "s" : text;
        return Durations.TryParse(value, out var span) && span > TimeSpan.Zero
            ? value
            : throw new UsageException($"{option} takes a duration such as 30s, 5m or 1h30m, not '{text}'");
    }

    private static long Parse(string option, string text, Func<string, long> parse)
    {
        try
        {
            return parse(text);
        }
        catch (FormatException e)
        {
            throw new UsageException($"{option}: {e.Message}");
        }
    }

    private static long Whole(string option, string text, long min, long max) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new UsageException($"{option} needs a whole number from {min} to {max}, not '{text}'");
}
