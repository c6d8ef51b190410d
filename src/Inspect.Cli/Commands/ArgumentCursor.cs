namespace Inspect.Cli.Commands;

/// <summary>Walks a verb's arguments: options with values, flags, and the positional words left over.</summary>
internal sealed class ArgumentCursor(string[] args)
{
    private int _index;

    public bool HasMore => _index < args.Length;

    public string Next() => args[_index++];

    /// <summary>The value of the option just taken; fails when the command line ends first.</summary>
    public string ValueOf(string option) =>
        _index < args.Length ? args[_index++] : throw new UsageException($"option {option} needs a value");
}
