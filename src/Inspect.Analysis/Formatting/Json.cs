using System.Globalization;
using System.Text;

namespace Inspect.Analysis.Formatting;

/// <summary>Compact JSON writing that escapes like sysdig's JSON library (control characters, quote, backslash).</summary>
public static class Json
{
    public static string Object(IEnumerable<KeyValuePair<string, object?>> members)
    {
        var sb = new StringBuilder("{");
        var first = true;
        foreach (var (k, v) in members)
        {
            if (!first)
            {
                sb.Append(',');
            }

            first = false;
            String(sb, k);
            sb.Append(':');
            Value(sb, v);
        }

        return sb.Append('}').ToString();
    }

    public static void Value(StringBuilder sb, object? v)
    {
        switch (v)
        {
            case null:
                sb.Append("null");
                break;
            case bool b:
                sb.Append(b ? "true" : "false");
                break;
            case string s:
                String(sb, s);
                break;
            case long l:
                sb.Append(l.ToString(CultureInfo.InvariantCulture));
                break;
            case ulong u:
                sb.Append(u.ToString(CultureInfo.InvariantCulture));
                break;
            case int i:
                sb.Append(i.ToString(CultureInfo.InvariantCulture));
                break;
            case double d:
                sb.Append(d.ToString("R", CultureInfo.InvariantCulture));
                break;
            case IEnumerable<KeyValuePair<string, object?>> obj:
                sb.Append(Object(obj));
                break;
            case System.Collections.IEnumerable list:
                {
                    sb.Append('[');
                    var first = true;
                    foreach (var item in list)
                    {
                        if (!first)
                        {
                            sb.Append(',');
                        }

                        first = false;
                        Value(sb, item);
                    }

                    sb.Append(']');
                    break;
                }

            default:
                String(sb, Convert.ToString(v, CultureInfo.InvariantCulture) ?? "");
                break;
        }
    }

    public static void String(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"':
                    sb.Append("\\\"");
                    break;
                case '\\':
                    sb.Append("\\\\");
                    break;
                case '\b':
                    sb.Append("\\b");
                    break;
                case '\f':
                    sb.Append("\\f");
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                case '\r':
                    sb.Append("\\r");
                    break;
                case '\t':
                    sb.Append("\\t");
                    break;
                default:
                    if (c < 0x20)
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append('"');
    }
}
