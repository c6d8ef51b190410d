using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Inspect.Redaction.Rules;

/// <summary>
/// A rules file (<c>--redact-rules FILE</c>), YAML or JSON (JSON is read as YAML):
/// <code>
/// builtInRules: true          # optional; false keeps only the rules below
/// rules:
///   - name: ticket-id
///     regex: 'TICKET-[0-9]{6}'
///   - name: staging-password
///     literal: 'hunter2'
/// </code>
/// </summary>
public sealed record RuleFile(bool BuiltInRules, IReadOnlyList<UserRuleDefinition> Rules)
{
    /// <summary>Reads and checks <paramref name="path"/>; errors name the file, and the line where YAML knows it.</summary>
    public static RuleFile Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RedactionRuleException($"cannot read redaction rules {path}: {e.Message}", e);
        }

        return Parse(text, path);
    }

    public static RuleFile Parse(string text, string where)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new RedactionRuleException($"{where}:{e.Start.Line}: not valid YAML or JSON: {e.InnerException?.Message ?? e.Message}", e);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new RedactionRuleException($"{where}: expected a mapping with a 'rules' list");
        }

        var builtIns = true;
        var rules = new List<UserRuleDefinition>();
        foreach (var (keyNode, value) in root.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value;
            switch (key)
            {
                case "builtInRules":
                    builtIns = Scalar(value, where, key) switch
                    {
                        "true" => true,
                        "false" => false,
                        var other => throw new RedactionRuleException($"{where}:{value.Start.Line}: builtInRules must be true or false, not '{other}'"),
                    };
                    break;
                case "rules":
                    if (value is not YamlSequenceNode list)
                    {
                        throw new RedactionRuleException($"{where}:{value.Start.Line}: 'rules' must be a list");
                    }

                    rules.AddRange(list.Children.Select(item => Rule(item, where)));
                    break;
                default:
                    throw new RedactionRuleException($"{where}:{keyNode.Start.Line}: unknown key '{key}' (expected builtInRules or rules)");
            }
        }

        return new RuleFile(builtIns, rules);
    }

    private static UserRuleDefinition Rule(YamlNode item, string where)
    {
        if (item is not YamlMappingNode map)
        {
            throw new RedactionRuleException($"{where}:{item.Start.Line}: each rule must be a mapping with name and regex or literal");
        }

        string? name = null, regex = null, literal = null;
        foreach (var (keyNode, value) in map.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value;
            switch (key)
            {
                case "name":
                    name = Scalar(value, where, key);
                    break;
                case "regex":
                    regex = Scalar(value, where, key);
                    break;
                case "literal":
                    literal = Scalar(value, where, key);
                    break;
                default:
                    throw new RedactionRuleException($"{where}:{keyNode.Start.Line}: unknown rule key '{key}' (expected name, regex or literal)");
            }
        }

        return name is null
            ? throw new RedactionRuleException($"{where}:{item.Start.Line}: a rule has no name")
            : new UserRuleDefinition(name, regex, literal);
    }

    private static string Scalar(YamlNode node, string where, string? key) =>
        node is YamlScalarNode { Value: { } value }
            ? value
            : throw new RedactionRuleException($"{where}:{node.Start.Line}: '{key}' must be a single value");
}
