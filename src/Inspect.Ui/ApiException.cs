namespace Inspect.Ui;

/// <summary>
/// A request the API refuses: the HTTP status, a message naming what was wrong, and for a filter error the
/// 1-based column of the filter text where it is.
/// </summary>
public sealed class ApiException(int status, string message, int? column = null) : Exception(message)
{
    public int Status { get; } = status;

    public int? Column { get; } = column;
}
