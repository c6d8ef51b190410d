namespace Inspect.Cli.Commands;

/// <summary>
/// The words every reading verb shares after its options: the capture (the first positional word, or <c>-r FILE</c>)
/// and a sysdig filter (the words after it, joined), and <c>--key FILE</c> for client-side encrypted captures.
/// </summary>
internal sealed class CaptureArguments(string verb, string usage)
{
    private readonly List<string> _filter = [];
    private bool _keyExpected;

    public string? Input { get; set; }

    /// <summary>The key-encryption key file (<c>--key FILE</c>), for captures encrypted by Inspect.</summary>
    public string? KeyFile { get; private set; }

    /// <summary>The filter expression, or null when none was given.</summary>
    public string? Filter => _filter.Count > 0 ? string.Join(' ', _filter) : null;

    /// <summary>Takes a word no option matched. Until the filter starts, a word that looks like an option is an error.</summary>
    public void Add(string word)
    {
        if (_keyExpected)
        {
            KeyFile = word;
            _keyExpected = false;
            return;
        }

        if (word == "--key" && _filter.Count == 0)
        {
            _keyExpected = true;
            return;
        }

        if (word is ['-', _, ..] && _filter.Count == 0)
        {
            throw new UsageException($"{verb}: unknown option {word}");
        }

        if (Input is null)
        {
            Input = word;
        }
        else
        {
            _filter.Add(word);
        }
    }

    /// <summary>The capture's path; fails when none was given or the file does not exist.</summary>
    public string ExistingInput()
    {
        if (_keyExpected)
        {
            throw new UsageException($"{verb}: --key needs a key file");
        }

        if (Input is null)
        {
            throw new UsageException($"{verb}: which capture? usage: {usage}");
        }

        return File.Exists(Input) ? Input : throw new FileNotFoundException($"cannot open {Input}: no such file");
    }
}
