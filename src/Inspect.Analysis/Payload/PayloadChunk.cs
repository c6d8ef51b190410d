using System.Text;
using Inspect.Analysis.Text;

namespace Inspect.Analysis.Payload;

/// <summary>One read or write of an I/O stream: its header line, its direction and the bytes the capture holds.</summary>
public sealed record PayloadChunk(string Header, bool IsRead, byte[] Data)
{
    /// <summary>Sysdig Inspect's "printable" rendering: printable ASCII, newlines and tabs; other bytes left out.</summary>
    public string Printable()
    {
        var sb = new StringBuilder(Data.Length);
        foreach (var b in Data)
        {
            if (CText.IsPrintable(b) || b is (byte)'\n' or (byte)'\t')
            {
                sb.Append((char)b);
            }
        }

        return sb.ToString();
    }

    /// <summary>Every byte as one character: printable ASCII and newlines as they are, the rest as '.'.</summary>
    public string Ascii()
    {
        var sb = new StringBuilder(Data.Length);
        foreach (var b in Data)
        {
            sb.Append(CText.IsPrintable(b) || b == (byte)'\n' ? (char)b : '.');
        }

        return sb.ToString();
    }

    /// <summary>The hex dump <c>inspect payload</c> prints: 16 bytes a row with offset, hex and ASCII.</summary>
    public string Hex()
    {
        using var w = new StringWriter();
        PayloadWriter.HexDump(Data, w);
        return w.ToString();
    }
}
