namespace Inspect.Kubernetes.TestServer.Cel;

/// <summary>Evaluates CEL rules; the server uses it for the CRDs' <c>x-kubernetes-validations</c>.</summary>
public interface ICelEvaluator
{
    /// <summary>Evaluates every check, in order.</summary>
    IReadOnlyList<CelOutcome> Evaluate(IReadOnlyList<CelCheck> checks);
}
