using Inspect.Agent.Host;
using Inspect.Agent.Protocol.Tls;

if (args is ["--help"] or ["-h"])
{
    Console.WriteLine(AgentHostOptions.Usage);
    return 0;
}

AgentHostOptions options;
MutualTlsCredentials tls;
try
{
    options = AgentHostOptions.Parse(args, Environment.GetEnvironmentVariable);
    tls = MutualTlsCredentials.Load(options.TlsCa!, options.TlsCert!, options.TlsKey!);
}
catch (Exception e) when (e is ArgumentException or InvalidOperationException)
{
    Console.Error.WriteLine($"inspect-agent: {e.Message}");
    return 2;
}

await using var host = AgentHost.Create(options, tls);
await host.RunAsync();
return 0;
