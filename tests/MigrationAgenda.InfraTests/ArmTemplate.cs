using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MigrationAgenda.InfraTests;

/// <summary>
/// Walks compiled ARM JSON: the root template and every nested module deployment, whether its
/// resources are an array (language version 1) or a symbolic-name object (language version 2.0);
/// and `bicep snapshot` output, whose evaluated resources sit flat under "predictedResources".
/// </summary>
internal static class ArmTemplate
{
    public static JsonObject Load(string path) =>
        JsonNode.Parse(File.ReadAllText(path))?.AsObject()
        ?? throw new InvalidOperationException($"{path} is not a JSON object");

    public static IEnumerable<JsonObject> Templates(JsonObject template)
    {
        yield return template;
        foreach (var resource in OwnResources(template).Where(r => IsType(r, "Microsoft.Resources/deployments")))
        {
            if (resource["properties"]?["template"] is JsonObject nested)
            {
                foreach (var t in Templates(nested))
                {
                    yield return t;
                }
            }
        }
    }

    public static IEnumerable<JsonObject> OwnResources(JsonObject template) => (template["resources"] ?? template["predictedResources"]) switch
    {
        JsonArray array => array.OfType<JsonObject>(),
        JsonObject symbolic => symbolic.Select(p => p.Value).OfType<JsonObject>(),
        _ => [],
    };

    /// <summary>Every resource in the deployment together with the template that declares it.</summary>
    public static IEnumerable<(JsonObject Resource, JsonObject Template)> Resources(JsonObject root) =>
        Templates(root).SelectMany(t => OwnResources(t).Select(r => (r, t)));

    public static IEnumerable<(JsonObject Resource, JsonObject Template)> OfType(JsonObject root, string type) =>
        Resources(root).Where(x => IsType(x.Resource, type));

    public static bool IsType(JsonObject resource, string type) =>
        string.Equals(resource["type"]?.GetValue<string>(), type, StringComparison.OrdinalIgnoreCase);

    public static IEnumerable<(string Name, JsonObject Output, JsonObject Template)> Outputs(JsonObject root) =>
        Templates(root).SelectMany(t => (t["outputs"] as JsonObject ?? [])
            .Where(p => p.Value is JsonObject)
            .Select(p => (p.Key, p.Value!.AsObject(), t)));

    /// <summary>Names of the template's secure parameters (securestring / secureObject).</summary>
    public static IReadOnlySet<string> SecureParameters(JsonObject template) =>
        (template["parameters"] as JsonObject ?? [])
            .Where(p => p.Value?["type"]?.GetValue<string>() is { } type
                        && type.StartsWith("secure", StringComparison.OrdinalIgnoreCase))
            .Select(p => p.Key)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

    public static bool IsLiteral(JsonNode? node, bool expected) =>
        node is JsonValue v && v.GetValueKind() == (expected ? JsonValueKind.True : JsonValueKind.False);

    /// <summary>A literal string, not an ARM expression; expressions could be parameterised away.</summary>
    public static string? LiteralString(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() is { } s && !s.StartsWith('[')
            ? s
            : null;

    private static readonly JsonSerializerOptions Unescaped = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A string value as it is; anything else as JSON text without escaping (ARM expressions quote with ').</summary>
    public static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => node.ToJsonString(Unescaped),
    };

    public static JsonObject DeepClone(JsonObject o) => o.DeepClone().AsObject();
}
