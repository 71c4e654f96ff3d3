using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Pulse.Health.Model.Alerts;
using Pulse.Health.Model.Components;
using Pulse.Health.Model.Events;

namespace Pulse.Health.Model.Policy;

/// <summary>
/// How a <see cref="HealthPolicy"/> looks as JSON: camelCase, tiers keyed by their names ("b2c", "tech-touch"…),
/// weights as an object keyed by component name, and no unknown member accepted (a typo must not silently fall back
/// to a default). The model's types carry no serializer attributes; the mapping lives here.
/// </summary>
public static class PolicyJson
{
    public static readonly JsonSerializerOptions Options = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var resolver = new DefaultJsonTypeInfoResolver();
        resolver.Modifiers.Add(info =>
        {
            if (info.Type != typeof(TierProfile)) return;
            foreach (var property in info.Properties)
                if (property.Name == "weights") property.CustomConverter = new ComponentWeightsConverter();
        });
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DictionaryKeyPolicy = null,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            WriteIndented = true,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            NumberHandling = JsonNumberHandling.Strict,
            TypeInfoResolver = resolver,
        };
        options.Converters.Add(new TouchTierConverter());
        options.MakeReadOnly();
        return options;
    }

    /// <summary>The JSON Schema (draft 2020-12) of a policy document, generated from the types so it cannot drift.</summary>
    public static JsonNode Schema()
    {
        var schema = JsonSchemaExporter.GetJsonSchemaAsNode(Options, typeof(HealthPolicy), new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = (context, node) =>
            {
                if (context.PropertyInfo?.Name == "weights" && context.PropertyInfo.DeclaringType == typeof(TierProfile))
                    return WeightsSchema();
                if (context.PropertyInfo?.Name == "tiers" && node is JsonObject tiers)
                    tiers["propertyNames"] = new JsonObject { ["enum"] = new JsonArray(Enum.GetValues<TouchTier>().Select(t => (JsonNode?)TouchTierNames.Name(t)).ToArray()) };
                if (context.PropertyInfo?.Name == "rules" && node is JsonObject rules)
                    rules["propertyNames"] = new JsonObject { ["enum"] = new JsonArray(AlertRuleCatalog.All.Select(r => (JsonNode?)r.Id).ToArray()) };
                return node;
            },
        });
        if (schema is JsonObject root)
        {
            root["$schema"] = "https://json-schema.org/draft/2020-12/schema";
            root["title"] = "Pulse scoring policy";
            root["description"] = "Weights, thresholds, bands and alert rules of the health model (docs/health-model.md). Omitted settings take their defaults.";
        }
        return schema;
    }

    private static JsonObject WeightsSchema()
    {
        var properties = new JsonObject();
        for (var i = 0; i < ComponentNames.Count; i++)
            properties[ComponentNames.Of((ComponentKind)i)] = new JsonObject { ["type"] = "number", ["minimum"] = 0 };
        return new JsonObject
        {
            ["type"] = "object",
            ["description"] = "Component weights; renormalised over the components that have data. A missing component weighs 0.",
            ["properties"] = properties,
            ["additionalProperties"] = false,
        };
    }

    /// <summary>Tier names as JSON values and as dictionary keys.</summary>
    private sealed class TouchTierConverter : JsonConverter<TouchTier>
    {
        public override TouchTier Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Parse(reader.GetString());
        public override void Write(Utf8JsonWriter writer, TouchTier value, JsonSerializerOptions options) => writer.WriteStringValue(TouchTierNames.Name(value));
        public override TouchTier ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Parse(reader.GetString());
        public override void WriteAsPropertyName(Utf8JsonWriter writer, TouchTier value, JsonSerializerOptions options) => writer.WritePropertyName(TouchTierNames.Name(value));

        private static TouchTier Parse(string? name) =>
            TouchTierNames.TryParse(name, out var tier) ? tier
                : throw new JsonException($"unknown tier '{name}' (expected b2c, tech-touch, low-touch or high-touch)");
    }

    /// <summary>Weights as <c>{"adoption": 40, "support": 15, …}</c> rather than a bare array whose order one must know.</summary>
    private sealed class ComponentWeightsConverter : JsonConverter<double[]>
    {
        public override double[] Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
                throw new JsonException("weights must be an object keyed by component (adoption, support, voiceOfCustomer, payment, relationship, engagement, growth)");
            var weights = new double[ComponentNames.Count];
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var name = reader.GetString()!;
                var index = Array.FindIndex(Enumerable.Range(0, ComponentNames.Count).ToArray(), i => ComponentNames.Of((ComponentKind)i) == name);
                if (index < 0) throw new JsonException($"unknown component '{name}' in weights");
                reader.Read();
                if (reader.TokenType != JsonTokenType.Number) throw new JsonException($"weight of '{name}' must be a number");
                weights[index] = reader.GetDouble();
            }
            return weights;
        }

        public override void Write(Utf8JsonWriter writer, double[] value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            for (var i = 0; i < value.Length; i++) writer.WriteNumber(ComponentNames.Of((ComponentKind)i), value[i]);
            writer.WriteEndObject();
        }
    }
}
