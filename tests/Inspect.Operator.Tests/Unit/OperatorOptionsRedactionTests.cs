namespace Inspect.Operator.Tests.Unit;

/// <summary>The operator refuses Captures that weaken redaction unless started with --allow-capture-opt-out, as the agents do.</summary>
public sealed class OperatorOptionsRedactionTests
{
    private static readonly string[] Tls = ["--tls-ca=/ca.crt", "--tls-cert=/op.crt", "--tls-key=/op.key"];

    [Fact]
    public void Weakening_redaction_is_refused_by_default_and_allowed_by_the_flag()
    {
        Assert.False(OperatorHostSettings.From(OperatorOptions.Parse(Tls, _ => null)).Translation.AllowCaptureOptOut);
        Assert.True(OperatorHostSettings.From(OperatorOptions.Parse([.. Tls, "--allow-capture-opt-out"], _ => null)).Translation.AllowCaptureOptOut);
    }

    [Fact]
    public void The_help_names_the_flag_and_the_chart_value()
    {
        Assert.Contains("--allow-capture-opt-out", OperatorOptions.Usage, StringComparison.Ordinal);
        Assert.Contains("redaction.allowCaptureOptOut", OperatorOptions.Usage, StringComparison.Ordinal);
    }
}
