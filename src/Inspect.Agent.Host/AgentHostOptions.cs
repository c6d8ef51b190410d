using System.Globalization;
using System.Net;
using Inspect.Redaction;
using Inspect.Redaction.Rules;

namespace Inspect.Agent.Host;

/// <summary>The agent's command line (the flags the Helm chart's DaemonSet passes).</summary>
public sealed record AgentHostOptions
{
    /// <summary>Where gRPC (mutual TLS only) listens.</summary>
    public IPEndPoint GrpcListen { get; init; } = new(IPAddress.Any, 7443);

    /// <summary>Where the plain-HTTP /healthz and /readyz listen (no capture API on this port).</summary>
    public IPEndPoint HealthListen { get; init; } = new(IPAddress.Any, 8082);

    /// <summary>PEM file of the CA that signs the operator's client certificate.</summary>
    public string? TlsCa { get; init; }

    /// <summary>PEM file of the agent's server certificate.</summary>
    public string? TlsCert { get; init; }

    /// <summary>PEM file of the agent's private key.</summary>
    public string? TlsKey { get; init; }

    /// <summary>The host's /proc as mounted in the container.</summary>
    public string HostProc { get; init; } = "/proc";

    /// <summary>Where capture files are written while recording and kept until stored.</summary>
    public string SpoolDirectory { get; init; } = "/var/lib/inspect/spool";

    /// <summary>Most bytes the spool may hold; a start is refused beyond it.</summary>
    public long SpoolQuotaBytes { get; init; } = 10L << 30;

    /// <summary>Largest snaplen honoured; larger requests are refused.</summary>
    public uint MaxSnaplen { get; init; } = 65000;

    /// <summary>The redaction rules every capture applies; null with <c>--no-redact</c>. Built-in rules by default.</summary>
    public RedactionRuleSet? Redaction { get; init; } = RedactionRuleSet.BuiltIn;

    /// <summary>Whether a Capture may turn redaction or the built-in rules off (<c>--allow-capture-opt-out</c>).</summary>
    public bool AllowCaptureOptOut { get; init; }

    /// <summary>This agent's node (NODE_NAME from the downward API).</summary>
    public string NodeName { get; init; } = Environment.MachineName;

    /// <summary>Reads the flags; unknown flags and bad values are errors naming the flag.</summary>
    /// <exception cref="ArgumentException">A flag is unknown or its value is invalid.</exception>
    public static AgentHostOptions Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        var options = new AgentHostOptions { NodeName = environment("NODE_NAME") is { Length: > 0 } node ? node : Environment.MachineName };
        foreach (var arg in args)
        {
            if (arg == "--no-redact")
            {
                options = options with { Redaction = null };
                continue;
            }

            if (arg == "--allow-capture-opt-out")
            {
                options = options with { AllowCaptureOptOut = true };
                continue;
            }

            var (name, value) = Split(arg);
            options = name switch
            {
                "--grpc-listen" => options with { GrpcListen = Endpoint(name, value) },
                "--health-listen" => options with { HealthListen = Endpoint(name, value) },
                "--tls-ca" => options with { TlsCa = value },
                "--tls-cert" => options with { TlsCert = value },
                "--tls-key" => options with { TlsKey = value },
                "--host-proc" => options with { HostProc = value },
                "--spool-dir" => options with { SpoolDirectory = value },
                "--spool-quota-bytes" => options with { SpoolQuotaBytes = Number(name, value) },
                "--max-snaplen" => options with { MaxSnaplen = (uint)Math.Clamp(Number(name, value), 0, 65000) },
                "--node-name" => options with { NodeName = value },
                "--redact-rules" => options with { Redaction = Rules(name, value) },
                _ => throw new ArgumentException($"unknown flag {name} (see --help)"),
            };
        }

        if (options.TlsCa is null || options.TlsCert is null || options.TlsKey is null)
        {
            throw new ArgumentException("--tls-ca, --tls-cert and --tls-key are required: the agent serves gRPC only over mutual TLS");
        }

        return options;
    }

    /// <summary>The usage text.</summary>
    public const string Usage = """
        inspect-agent: the Inspect node agent (gRPC inspect.agent.v1 over mutual TLS)

          --grpc-listen=ADDR:PORT      gRPC endpoint, mutual TLS only (default 0.0.0.0:7443)
          --health-listen=ADDR:PORT    plain HTTP /healthz and /readyz (default 0.0.0.0:8082)
          --tls-ca=FILE                CA (PEM) that must sign callers' client certificates (required)
          --tls-cert=FILE              the agent's server certificate (PEM, required)
          --tls-key=FILE               the agent's private key (PEM, required)
          --host-proc=DIR              the host's /proc (default /proc)
          --spool-dir=DIR              capture files awaiting storage (default /var/lib/inspect/spool)
          --spool-quota-bytes=N        most bytes kept in the spool (default 10 GiB)
          --max-snaplen=N              largest snaplen honoured, 0..65000 (default 65000)
          --node-name=NAME             this node (default $NODE_NAME, else the host name)
          --redact-rules=FILE          redaction rules (YAML or JSON) applied to every capture (default: built-in)
          --no-redact                  record secrets as they are (a Capture's own rules still apply)
          --allow-capture-opt-out      let a Capture turn redaction or the built-in rules off (default: such a
                                       capture fails on this node)
        """;

    private static (string Name, string Value) Split(string arg)
    {
        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        if (!arg.StartsWith("--", StringComparison.Ordinal) || equals < 0)
        {
            throw new ArgumentException($"expected --flag=value, got '{arg}'");
        }

        return (arg[..equals], arg[(equals + 1)..]);
    }

    private static RedactionRuleSet Rules(string name, string file)
    {
        try
        {
            return RedactionRuleSet.FromFile(file);
        }
        catch (RedactionRuleException e)
        {
            throw new ArgumentException($"{name}: {e.Message}", e);
        }
    }

    private static long Number(string name, string value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new ArgumentException($"{name}: '{value}' is not a non-negative integer");

    private static IPEndPoint Endpoint(string name, string value)
    {
        var colon = value.LastIndexOf(':');
        if (colon < 0 || !int.TryParse(value.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            throw new ArgumentException($"{name}: '{value}' is not ADDRESS:PORT");
        }

        var host = value[..colon].Trim('[', ']');
        return host.Length == 0 ? new IPEndPoint(IPAddress.Any, port)
            : IPAddress.TryParse(host, out var address) ? new IPEndPoint(address, port)
            : throw new ArgumentException($"{name}: '{host}' is not an IP address");
    }
}
