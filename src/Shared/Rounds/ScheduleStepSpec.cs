using System.Text.Json;
using System.Text.Json.Serialization;

namespace MigrationAgenda.Rounds;

/// <summary>
/// One step of a posted schedule: a plain ISO 8601 duration ("P2D", "PT30S"), counted as the schedule says, or an
/// object that says how this step counts: <c>{ "offset": "P2D", "counting": "workingDays" }</c> with counting
/// "workingDays", "calendarDays" or "elapsed". Written back the way it was read (a plain string stays a string), so
/// the hash of a spec posted before working days existed does not change.
/// </summary>
[JsonConverter(typeof(ScheduleStepSpecConverter))]
public sealed record ScheduleStepSpec
{
    public required string Offset { get; init; }
    /// <summary>"workingDays", "calendarDays" or "elapsed"; null: as the schedule (or the definition) says.</summary>
    public string? Counting { get; init; }

    public static implicit operator ScheduleStepSpec(string offset) => new() { Offset = offset };

    public override string ToString() => Counting is null ? Offset : $"{Offset} ({Counting})";
}

/// <summary>Reads a step as a string or an object; writes a step without counting as a plain string.</summary>
public sealed class ScheduleStepSpecConverter : JsonConverter<ScheduleStepSpec>
{
    public override ScheduleStepSpec? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return new ScheduleStepSpec { Offset = reader.GetString()! };
            case JsonTokenType.StartObject:
                string? offset = null, counting = null;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    if (reader.TokenType != JsonTokenType.PropertyName)
                        throw new JsonException("Expected a property name in a schedule step.");
                    var name = reader.GetString();
                    reader.Read();
                    if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Null))
                        throw new JsonException($"The schedule step's '{name}' is text.");
                    if (string.Equals(name, "offset", StringComparison.OrdinalIgnoreCase))
                        offset = reader.GetString();
                    else if (string.Equals(name, "counting", StringComparison.OrdinalIgnoreCase))
                        counting = reader.GetString();
                    else
                        throw new JsonException($"A schedule step has 'offset' and 'counting', not '{name}'.");
                }
                // A missing offset is the parser's to name in Dutch, at the step's path.
                return new ScheduleStepSpec { Offset = offset ?? "", Counting = counting };
            default:
                throw new JsonException("A schedule step is a duration (\"P2D\") or { \"offset\": \"P2D\", \"counting\": \"workingDays\" }.");
        }
    }

    public override void Write(Utf8JsonWriter writer, ScheduleStepSpec value, JsonSerializerOptions options)
    {
        if (value.Counting is null)
        {
            writer.WriteStringValue(value.Offset);
            return;
        }
        writer.WriteStartObject();
        writer.WriteString("offset", value.Offset);
        writer.WriteString("counting", value.Counting);
        writer.WriteEndObject();
    }
}
