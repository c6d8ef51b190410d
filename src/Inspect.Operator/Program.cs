using Inspect.Agent.Protocol.Tls;
using Inspect.Operator;
using k8s;
using Microsoft.Extensions.Logging;

if (args is ["--help"] or ["-h"])
{
    Console.WriteLine(OperatorOptions.Usage);
    return 0;
}

OperatorOptions options;
MutualTlsCredentials tls;
KubernetesClientConfiguration kubernetes;
try
{
    options = OperatorOptions.Parse(args, Environment.GetEnvironmentVariable);
    tls = MutualTlsCredentials.Load(options.TlsCa!, options.TlsCert!, options.TlsKey!);
    kubernetes = KubernetesClientConfiguration.IsInCluster()
        ? KubernetesClientConfiguration.InClusterConfig()
        : KubernetesClientConfiguration.BuildConfigFromConfigFile();
}
catch (Exception e) when (e is ArgumentException or InvalidOperationException or k8s.Exceptions.KubeConfigException)
{
    Console.Error.WriteLine($"inspect-operator: {e.Message}");
    return 2;
}

var level = options.LogLevel.ToLowerInvariant() switch
{
    "trace" => LogLevel.Trace,
    "debug" => LogLevel.Debug,
    "warning" or "warn" => LogLevel.Warning,
    "error" => LogLevel.Error,
    _ => LogLevel.Information,
};
await using var host = OperatorHost.Create(OperatorHostSettings.From(options), kubernetes, tls, logging => logging.SetMinimumLevel(level));
await host.RunAsync();
return 0;
