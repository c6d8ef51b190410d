using System.Diagnostics.CodeAnalysis;

namespace Inspect.Scap.Format;

/// <summary>Keeps throw sites out of hot methods so they stay small enough to inline.</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void Format(long offset, string problem) => throw new ScapFormatException(offset, problem);

    [DoesNotReturn]
    public static T Format<T>(long offset, string problem) => throw new ScapFormatException(offset, problem);
}
