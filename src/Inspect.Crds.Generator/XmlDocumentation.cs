using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Inspect.Crds.Generator;

/// <summary>The XML documentation comments of an assembly (its <c>.xml</c> beside the <c>.dll</c>), turned into the
/// plain-text descriptions of the schema, as controller-gen turns Go comments into descriptions.</summary>
public sealed partial class XmlDocumentation
{
    private readonly Dictionary<string, string> _summaries = new(StringComparer.Ordinal);

    private XmlDocumentation(XDocument document)
    {
        foreach (var member in document.Descendants("member"))
        {
            var name = member.Attribute("name")?.Value;
            var summary = member.Element("summary");
            if (name is not null && summary is not null)
            {
                _summaries[name] = Flatten(summary);
            }
        }
    }

    /// <summary>Loads the documentation of the assembly that defines <paramref name="assembly"/>.</summary>
    public static XmlDocumentation For(Assembly assembly)
    {
        var path = Path.ChangeExtension(assembly.Location, ".xml");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"the documentation file of {assembly.GetName().Name} is missing (GenerateDocumentationFile)", path);
        }

        return new XmlDocumentation(XDocument.Load(path));
    }

    /// <summary>The summary of a type, or null.</summary>
    public string? Of(Type type) => _summaries.GetValueOrDefault("T:" + Name(type));

    /// <summary>The summary of a property, or null.</summary>
    public string? Of(PropertyInfo property) =>
        _summaries.GetValueOrDefault("P:" + Name(property.DeclaringType!) + "." + property.Name);

    /// <summary>The summary of an enum member, or null.</summary>
    public string? Of(FieldInfo field) => _summaries.GetValueOrDefault("F:" + Name(field.DeclaringType!) + "." + field.Name);

    private static string Name(Type type) => (type.FullName ?? type.Name).Replace('+', '.');

    private static string Flatten(XElement element)
    {
        var text = new StringBuilder();
        foreach (var node in element.Nodes())
        {
            text.Append(node switch
            {
                XText t => t.Value,
                XElement { Name.LocalName: "see" or "seealso" } e => Short(e.Attribute("cref")?.Value ?? e.Attribute("langword")?.Value ?? ""),
                XElement { Name.LocalName: "paramref" or "typeparamref" } e => e.Attribute("name")?.Value,
                XElement e => Flatten(e),
                _ => "",
            });
        }

        return Whitespace().Replace(text.ToString(), " ").Trim();
    }

    private static string Short(string cref) => cref[(cref.LastIndexOf('.') + 1)..];

    [GeneratedRegex("\\s+")]
    private static partial Regex Whitespace();
}
