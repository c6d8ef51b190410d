using System.Globalization;
using System.Net;
using System.Text;
using Inspect.Analysis.Events;
using Inspect.Analysis.Fields;
using Inspect.Analysis.State;
using Inspect.Scap.Events;

namespace Inspect.Analysis.Filtering;

/// <summary>Decides whether an event passes a compiled filter.</summary>
public delegate bool FilterPredicate(ref EventContext ctx);

/// <summary>Tests one extracted value.</summary>
internal delegate bool ValueTest(in FieldValue value);

/// <summary>
/// Turns a filter AST into a predicate: fields are bound and literals parsed once, per the field's type, so the
/// per-event work is extraction and comparison only.
/// </summary>
public sealed class FilterCompiler : IFilterVisitor<FilterPredicate>
{
    private static readonly HashSet<string> TypeNames = BuildTypeNames();

    /// <summary>Parses and compiles <paramref name="text"/>.</summary>
    /// <exception cref="FilterException">Syntax or semantic error, with its column.</exception>
    public static FilterPredicate Compile(string text) => Parser.Parse(text).Accept(new FilterCompiler());

    public FilterPredicate VisitAnd(AndNode node)
    {
        var parts = node.Operands.Select(o => o.Accept(this)).ToArray();
        if (parts is [var first, var second])
        {
            // The usual case, without the loop: this runs for every event of a capture.
            return (ref EventContext c) => first(ref c) && second(ref c);
        }

        return (ref EventContext c) =>
        {
            foreach (var p in parts)
            {
                if (!p(ref c))
                {
                    return false;
                }
            }

            return true;
        };
    }

    public FilterPredicate VisitOr(OrNode node)
    {
        var parts = MergeEqualities(node.Operands).Select(o => o.Accept(this)).ToArray();
        if (parts.Length == 1)
        {
            return parts[0];
        }

        if (parts is [var first, var second])
        {
            return (ref EventContext c) => first(ref c) || second(ref c);
        }

        return (ref EventContext c) =>
        {
            foreach (var p in parts)
            {
                if (p(ref c))
                {
                    return true;
                }
            }

            return false;
        };
    }

    // `f=a or f=b or ...` (adjacent, same field) tests as `f in (a, b, ...)`: the field is extracted once, not once per
    // value. Values keep their order and columns, so errors in them are reported as before.
    private static List<FilterNode> MergeEqualities(IReadOnlyList<FilterNode> operands)
    {
        var merged = new List<FilterNode>(operands.Count);
        foreach (var operand in operands)
        {
            if (operand is CheckNode { Operator: FilterOperator.Equal or FilterOperator.In } check
                && merged.Count > 0
                && merged[^1] is CheckNode { Operator: FilterOperator.Equal or FilterOperator.In } previous
                && string.Equals(previous.Field, check.Field, StringComparison.Ordinal))
            {
                merged[^1] = previous with { Operator = FilterOperator.In, Values = [.. previous.Values, .. check.Values] };
                continue;
            }

            merged.Add(operand);
        }

        return merged;
    }

    public FilterPredicate VisitNot(NotNode node)
    {
        var inner = node.Operand.Accept(this);
        return (ref EventContext c) => !inner(ref c);
    }

    public FilterPredicate VisitCheck(CheckNode node)
    {
        BoundField field;
        try
        {
            field = FieldRegistry.Bind(node.Field);
        }
        catch (FieldException e)
        {
            throw new FilterException(e.Message, node.Column);
        }

        if (field.Definition.Name == "evt.type" && node.Operator is FilterOperator.Equal or FilterOperator.NotEqual or FilterOperator.In)
        {
            foreach (var v in node.Values)
            {
                if (!TypeNames.Contains(v.Text))
                {
                    throw new FilterException($"unknown event type '{v.Text}'", v.Column);
                }
            }
        }

        var test = node.Operator switch
        {
            FilterOperator.Exists => static (in FieldValue _) => true,
            FilterOperator.In or FilterOperator.Intersects => InTest(field, node),
            FilterOperator.PMatch => AnyTest(node.Values.Select(v => ValueTestFor(field, FilterOperator.PMatch, v, node)).ToArray()),
            _ => ValueTestFor(field, node.Operator, node.Values[0], node),
        };

        if (field.Definition.Name == "evt.type" && field.Candidates is null && node.Operator is FilterOperator.Equal or FilterOperator.NotEqual or FilterOperator.In)
        {
            return EventTypeTableTest(field.Extract, test);
        }

        if (field.Candidates is { } candidates)
        {
            var noneEqual = field.NotEqualMeansNoneEqual && node.Operator == FilterOperator.NotEqual;
            var equal = noneEqual ? ValueTestFor(field, FilterOperator.Equal, node.Values[0], node) : null;
            return (ref EventContext c) =>
            {
                var any = false;
                for (var i = 0; ; i++)
                {
                    var v = candidates(ref c, i);
                    if (v.IsNull)
                    {
                        return noneEqual && any;
                    }

                    any = true;
                    if (noneEqual)
                    {
                        if (equal!(v))
                        {
                            return false;
                        }
                    }
                    else if (test(v))
                    {
                        return true;
                    }
                }
            };
        }

        if ((field.Definition.Flags & FieldFlags.OptionalIndex) == 0 && field.Definition.Flags.HasFlag(FieldFlags.FilterOnly))
        {
            throw new FilterException($"{field.Text} cannot be compared", node.Column);
        }

        var extract = field.Extract;
        return (ref EventContext c) =>
        {
            var v = extract(ref c);
            return !v.IsNull && test(v);
        };
    }

    // evt.type's value depends on the event type alone, except for generic events (the syscall's name comes from a
    // parameter): the test is decided once for every other type, so it costs an array index per event instead of
    // string comparisons.
    private static FilterPredicate EventTypeTableTest(FieldExtractor extract, ValueTest test)
    {
        var matches = new bool[EventTable.KnownCodeLimit];
        for (var code = 0; code < matches.Length; code++)
        {
            matches[code] = EventTable.TryGet((ushort)code) is { } info && test(FieldValue.Of(info.Name));
        }

        return (ref EventContext c) =>
        {
            var code = c.Info.Code;
            if (code is EventCodes.GenericE or EventCodes.GenericX || code >= matches.Length)
            {
                var v = extract(ref c);
                return !v.IsNull && test(v);
            }

            return matches[code];
        };
    }

    private static ValueTest InTest(BoundField field, CheckNode node)
    {
        if (field.Type == FieldType.CharBuf && node.Values.Count <= 4)
        {
            // A few values compare faster one by one than through a hash of the extracted text.
            var values = node.Values.Select(v => v.Text).ToArray();
            return (in FieldValue v) => v.Text is { } s && Array.IndexOf(values, s) >= 0;
        }

        if (field.Type == FieldType.CharBuf)
        {
            var set = node.Values.Select(v => v.Text).ToHashSet(StringComparer.Ordinal);
            return (in FieldValue v) => v.Text is { } s && set.Contains(s);
        }

        return AnyTest(node.Values.Select(v => ValueTestFor(field, FilterOperator.Equal, v, node)).ToArray());
    }

    private static ValueTest AnyTest(ValueTest[] tests)
    {
        return (in FieldValue v) =>
        {
            foreach (var t in tests)
            {
                if (t(v))
                {
                    return true;
                }
            }

            return false;
        };
    }

    private static ValueTest ValueTestFor(BoundField field, FilterOperator op, FilterValue value, CheckNode node)
    {
        var text = value.Text;
        switch (field.Type)
        {
            case FieldType.CharBuf:
                return StringTest(op, text, node);
            case FieldType.ByteBuf:
                return BufferTest(op, Encoding.UTF8.GetBytes(text), node);
            case FieldType.Bool:
                {
                    var b = text switch
                    {
                        "true" => 1L,
                        "false" => 0L,
                        _ => throw new FilterException($"'{text}' is not a boolean (true or false)", value.Column),
                    };
                    return UnsignedTest(op, (ulong)b, node);
                }

            case FieldType.Int16 or FieldType.Int32 or FieldType.Int64:
                {
                    if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
                    {
                        throw new FilterException($"'{text}' is not a number", value.Column);
                    }

                    return SignedTest(op, n, node);
                }

            case FieldType.UInt32 or FieldType.UInt64 or FieldType.Port or FieldType.RelTime:
                {
                    if (!ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                    {
                        throw new FilterException($"'{text}' is not a non-negative number", value.Column);
                    }

                    if (field.Type == FieldType.Port && n > ushort.MaxValue)
                    {
                        throw new FilterException($"'{text}' is not a port number", value.Column);
                    }

                    return UnsignedTest(op, n, node);
                }

            case FieldType.Double:
                {
                    if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
                    {
                        throw new FilterException($"'{text}' is not a number", value.Column);
                    }

                    return op switch
                    {
                        FilterOperator.Equal => (in FieldValue v) => v.Real == d,
                        FilterOperator.NotEqual => (in FieldValue v) => v.Real != d,
                        FilterOperator.Less => (in FieldValue v) => v.Real < d,
                        FilterOperator.LessOrEqual => (in FieldValue v) => v.Real <= d,
                        FilterOperator.Greater => (in FieldValue v) => v.Real > d,
                        FilterOperator.GreaterOrEqual => (in FieldValue v) => v.Real >= d,
                        _ => throw Unsupported(op, "numeric", node),
                    };
                }

            case FieldType.IpAddr:
                {
                    if (!IPAddress.TryParse(text, out var parsed) || (text.Contains('.', StringComparison.Ordinal) != (parsed.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)))
                    {
                        throw new FilterException($"'{text}' is not an IP address", value.Column);
                    }

                    var address = NetAddress.From(parsed);
                    var order = address.IsV6 ? 0 : Reverse(address.V4Value);
                    return op switch
                    {
                        FilterOperator.Equal => (in FieldValue v) => v.Address == address,
                        FilterOperator.NotEqual => (in FieldValue v) => v.Address != address,
                        FilterOperator.Less when !address.IsV6 => (in FieldValue v) => !v.Address.IsV6 && Reverse(v.Address.V4Value) < order,
                        FilterOperator.LessOrEqual when !address.IsV6 => (in FieldValue v) => !v.Address.IsV6 && Reverse(v.Address.V4Value) <= order,
                        FilterOperator.Greater when !address.IsV6 => (in FieldValue v) => !v.Address.IsV6 && Reverse(v.Address.V4Value) > order,
                        FilterOperator.GreaterOrEqual when !address.IsV6 => (in FieldValue v) => !v.Address.IsV6 && Reverse(v.Address.V4Value) >= order,
                        _ => throw Unsupported(op, "IP address", node),
                    };
                }

            default:
                throw Unsupported(op, field.Type.ToString(), node);
        }
    }

    // sysdig compares IPv4 addresses as the little-endian integer of their network-order bytes.
    private static uint Reverse(uint v) => System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(v);

    private static ValueTest StringTest(FilterOperator op, string s, CheckNode node) => op switch
    {
        FilterOperator.Equal => (in FieldValue v) => string.Equals(v.Text, s, StringComparison.Ordinal),
        FilterOperator.NotEqual => (in FieldValue v) => !string.Equals(v.Text, s, StringComparison.Ordinal),
        FilterOperator.Contains => (in FieldValue v) => v.Text!.Contains(s, StringComparison.Ordinal),
        FilterOperator.IContains => (in FieldValue v) => v.Text!.Contains(s, StringComparison.OrdinalIgnoreCase),
        FilterOperator.StartsWith => (in FieldValue v) => v.Text!.StartsWith(s, StringComparison.Ordinal),
        FilterOperator.EndsWith => (in FieldValue v) => v.Text!.EndsWith(s, StringComparison.Ordinal),
        FilterOperator.Glob => (in FieldValue v) => Glob.IsMatch(s, v.Text),
        FilterOperator.Less => (in FieldValue v) => string.CompareOrdinal(v.Text, s) < 0,
        FilterOperator.LessOrEqual => (in FieldValue v) => string.CompareOrdinal(v.Text, s) <= 0,
        FilterOperator.Greater => (in FieldValue v) => string.CompareOrdinal(v.Text, s) > 0,
        FilterOperator.GreaterOrEqual => (in FieldValue v) => string.CompareOrdinal(v.Text, s) >= 0,
        FilterOperator.PMatch => (in FieldValue v) => string.Equals(v.Text, s, StringComparison.Ordinal) || v.Text!.StartsWith(s.TrimEnd('/') + "/", StringComparison.Ordinal),
        _ => throw Unsupported(op, "string", node),
    };

    private static ValueTest BufferTest(FilterOperator op, byte[] b, CheckNode node) => op switch
    {
        FilterOperator.Equal => (in FieldValue v) => v.Bytes.SequenceEqual(b),
        FilterOperator.NotEqual => (in FieldValue v) => !v.Bytes.SequenceEqual(b),
        FilterOperator.Contains => (in FieldValue v) => v.Bytes.IndexOf(b) >= 0,
        FilterOperator.StartsWith => (in FieldValue v) => v.Bytes.StartsWith(b),
        FilterOperator.EndsWith => (in FieldValue v) => v.Bytes.EndsWith(b),
        _ => throw Unsupported(op, "buffer", node),
    };

    private static ValueTest SignedTest(FilterOperator op, long n, CheckNode node) => op switch
    {
        FilterOperator.Equal => (in FieldValue v) => v.Integer == n,
        FilterOperator.NotEqual => (in FieldValue v) => v.Integer != n,
        FilterOperator.Less => (in FieldValue v) => v.Integer < n,
        FilterOperator.LessOrEqual => (in FieldValue v) => v.Integer <= n,
        FilterOperator.Greater => (in FieldValue v) => v.Integer > n,
        FilterOperator.GreaterOrEqual => (in FieldValue v) => v.Integer >= n,
        _ => throw Unsupported(op, "numeric", node),
    };

    private static ValueTest UnsignedTest(FilterOperator op, ulong n, CheckNode node) => op switch
    {
        FilterOperator.Equal => (in FieldValue v) => (ulong)v.Integer == n,
        FilterOperator.NotEqual => (in FieldValue v) => (ulong)v.Integer != n,
        FilterOperator.Less => (in FieldValue v) => (ulong)v.Integer < n,
        FilterOperator.LessOrEqual => (in FieldValue v) => (ulong)v.Integer <= n,
        FilterOperator.Greater => (in FieldValue v) => (ulong)v.Integer > n,
        FilterOperator.GreaterOrEqual => (in FieldValue v) => (ulong)v.Integer >= n,
        _ => throw Unsupported(op, "numeric", node),
    };

    private static FilterException Unsupported(FilterOperator op, string kind, CheckNode node) =>
        new($"'{op.Symbol()}' is not supported for {kind} field {node.Field}", node.OperatorColumn);

    private static HashSet<string> BuildTypeNames()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (ushort code = 0; code < EventTable.KnownCodeLimit; code++)
        {
            names.Add(EventTable.Get(code).Name);
        }

        for (var id = 0; SyscallTable.TryGet(id) is { } sc; id++)
        {
            names.Add(sc.Name);
        }

        return names;
    }
}
