using System.Globalization;

namespace Inspect.Operator.Controllers;

/// <summary>Byte counts for people, in the binary units of Kubernetes quantities (<c>12.4Mi</c>).</summary>
public static class ByteSize
{
    private static readonly string[] Units = ["Ki", "Mi", "Gi", "Ti", "Pi"];

    public static string Format(long bytes)
    {
        if (bytes < 1024)
        {
            return bytes.ToString(CultureInfo.InvariantCulture);
        }

        double value = bytes;
        var unit = -1;
        while (value >= 1024 && unit < Units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return value.ToString(value < 10 ? "0.#" : "0", CultureInfo.InvariantCulture) + Units[unit];
    }
}
