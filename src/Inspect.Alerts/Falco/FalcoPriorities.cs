using Inspect.Crds.Common;

namespace Inspect.Alerts.Falco;

/// <summary>Falco's priority names as senders spell them: any case, and Falco's rule-file alias <c>info</c>.</summary>
public static class FalcoPriorities
{
    /// <summary>The priority named <paramref name="name"/>, or <c>false</c> when it names none.</summary>
    public static bool TryParse(string name, out FalcoPriority priority)
    {
        if (string.Equals(name, "info", StringComparison.OrdinalIgnoreCase))
        {
            priority = FalcoPriority.Informational;
            return true;
        }

        // Enum.TryParse accepts numbers too; only names are valid on the wire.
        if (name.Length > 0 && char.IsLetter(name[0]) && Enum.TryParse(name, ignoreCase: true, out priority) && Enum.IsDefined(priority))
        {
            return true;
        }

        priority = default;
        return false;
    }

    /// <summary>Whether <paramref name="priority"/> is as severe as <paramref name="minimum"/> or more (Emergency is the most severe).</summary>
    public static bool IsAtLeast(FalcoPriority priority, FalcoPriority minimum) => priority <= minimum;
}
