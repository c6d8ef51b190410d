using System.Text;

namespace Inspect.Analysis.Text;

/// <summary>Joins a directory and a path the way sysdig resolves file names: '.', '..' and doubled '/' are folded.</summary>
internal static class PathText
{
    /// <summary>The longest path sysdig builds (SCAP_MAX_PATH_SIZE).</summary>
    public const int MaxPath = 1024;

    /// <summary>
    /// Resolves <paramref name="path"/> (raw bytes, possibly NUL-terminated) against <paramref name="directory"/>.
    /// Returns true when the path was relative (the directory was used), false when it was absolute or empty.
    /// </summary>
    public static bool Concatenate(string directory, ReadOnlySpan<byte> path, out string result)
    {
        var end = path.IndexOf((byte)0);
        var p = end < 0 ? path : path[..end];
        var length2 = path.Length;
        if (MaxPath < directory.Length + length2 + 1)
        {
            result = "/PATH_TOO_LONG";
            return false;
        }

        var relative = length2 != 0 && (p.IsEmpty || p[0] != (byte)'/');
        var target = new StringBuilder(directory.Length + p.Length);
        if (relative)
        {
            target.Append(directory);
        }

        CopySanitized(target, relative ? target.Length : 0, p);
        result = target.ToString();
        return relative;
    }

    /// <summary>Joins two strings as <see cref="Concatenate(string, ReadOnlySpan{byte}, out string)"/> does.</summary>
    public static string Join(string directory, string path)
    {
        var bytes = Encoding.UTF8.GetBytes(path + "\0");
        Concatenate(directory, bytes, out var result);
        return result;
    }

    private static void CopySanitized(StringBuilder target, int start, ReadOnlySpan<byte> path)
    {
        var i = 0;
        while (true)
        {
            var c = At(path, i);
            if (c == 0)
            {
                if (target.Length > 1 && target[^1] == '/')
                {
                    target.Length--;
                }

                return;
            }

            if (!CText.IsPrintable((byte)c))
            {
                target.Append('.');
                i++;
            }
            else if (c == '.' && At(path, i + 1) == '.' && At(path, i + 2) == '/')
            {
                RewindToParent(target);
                i += 3;
            }
            else if (c == '.' && At(path, i + 1) == '.')
            {
                if (At(path, i + 2) == 0)
                {
                    RewindToParent(target);
                    i += 2;
                }
                else
                {
                    target.Append("..");
                    i += 2;
                }
            }
            else if (c == '.' && At(path, i + 1) == '/')
            {
                i += 2;
            }
            else if (c == '.')
            {
                if (At(path, i + 1) != 0)
                {
                    target.Append('.');
                }

                i++;
            }
            else if (c == '/')
            {
                if (!(target.Length > 0 && target[^1] == '/'))
                {
                    target.Append('/');
                }

                i++;
            }
            else
            {
                target.Append((char)c);
                i++;
            }
        }

        static int At(ReadOnlySpan<byte> p, int k) => k < p.Length ? p[k] : 0;

        // Moves back to just after the previous '/', never before the first character.
        static void RewindToParent(StringBuilder t)
        {
            if (t.Length <= 1)
            {
                return;
            }

            var k = t.Length - 1;
            while (k - 1 >= 0 && t[k - 1] != '/' && k >= 1)
            {
                k--;
            }

            t.Length = Math.Max(k, 0);
        }
    }
}
