using System.Text.Json.Nodes;
using Pulse.Health.Model.Alerts;
using Pulse.Health.Model.Events;
using Pulse.Health.Model.Policy;

namespace Pulse.Health.Model.Tests;

/// <summary>The scoring policy as versioned JSON: round trip, validation that names the bad field, the schema.</summary>
public class PolicyDocumentTests
{
    private static string DefaultJson => PolicyDocument.Serialize(DefaultPolicy.Create());

    private static string Edit(Action<JsonObject> edit)
    {
        var node = JsonNode.Parse(DefaultJson)!.AsObject();
        edit(node);
        return node.ToJsonString();
    }

    private static PolicyValidationException Rejects(string json) => Assert.Throws<PolicyValidationException>(() => PolicyDocument.Parse(json));

    [Fact]
    public void The_default_policy_round_trips_through_JSON_unchanged()
    {
        var parsed = PolicyDocument.Parse(DefaultJson);
        Assert.Equal(DefaultJson, PolicyDocument.Serialize(parsed));
        Assert.Equal(DefaultPolicy.Version, parsed.Version);
        Assert.Equal(DefaultPolicy.Create().ProfileFor(TouchTier.B2C).Weights, parsed.ProfileFor(TouchTier.B2C).Weights);
        Assert.Equal(15, parsed.Rule(AlertRules.PaymentOverdue, TouchTier.B2C).Threshold);
        Assert.Equal(30, parsed.Rule(AlertRules.PaymentOverdue, TouchTier.LowTouch).Threshold);
    }

    [Fact]
    public void The_JSON_is_readable_tiers_by_name_and_weights_by_component()
    {
        var node = JsonNode.Parse(DefaultJson)!;
        Assert.Equal(55, node["tiers"]!["b2c"]!["weights"]!["adoption"]!.GetValue<double>());
        Assert.Equal(10, node["tiers"]!["high-touch"]!["supportTicketsPer30Danger"]!.GetValue<int>());
        Assert.NotNull(node["rules"]!["advocacy-ask"]);
    }

    [Fact]
    public void Omitted_settings_take_their_defaults()
    {
        var policy = PolicyDocument.Parse("""{"version":"tiny-1","tiers":{"tech-touch":{"weights":{"adoption":1}}}}""");
        Assert.Equal(70, policy.GreenFrom);
        Assert.Equal([1, 0, 0, 0, 0, 0, 0], policy.ProfileFor(TouchTier.B2C).Weights); // unknown tiers fall back to tech-touch
        Assert.Equal(0.25, policy.Rule(AlertRules.UsageDrop, TouchTier.TechTouch).Threshold);
    }

    [Theory]
    [InlineData("tiers.b2c.weights.adoption", "between 0 and 1000")]
    [InlineData("greenFrom", "band edges must rise")]
    [InlineData("rules.no-such-rule", "unknown rule")]
    [InlineData("tiers.high-touch.rules.usage-drop.cooldownDays", "between 0 and 3650")]
    [InlineData("rules.band-drop.threshold", "has no threshold")]
    [InlineData("version", "letters, digits")]
    [InlineData("bandHysteresis", "half the narrowest band")]
    public void A_bad_value_is_rejected_naming_the_field(string path, string reason)
    {
        var json = Edit(root =>
        {
            switch (path)
            {
                case "tiers.b2c.weights.adoption": root["tiers"]!["b2c"]!["weights"]!["adoption"] = -5; break;
                case "greenFrom": root["greenFrom"] = 40; break;
                case "rules.no-such-rule": root["rules"]!["no-such-rule"] = new JsonObject { ["enabled"] = false }; break;
                case "tiers.high-touch.rules.usage-drop.cooldownDays":
                    root["tiers"]!["high-touch"]!["rules"] = new JsonObject { ["usage-drop"] = new JsonObject { ["cooldownDays"] = -1 } }; break;
                case "rules.band-drop.threshold": root["rules"]!["band-drop"] = new JsonObject { ["threshold"] = 3 }; break;
                case "version": root["version"] = "has spaces!"; break;
                case "bandHysteresis": root["bandHysteresis"] = 9; break;
            }
        });
        var ex = Rejects(json);
        var error = Assert.Single(ex.Errors, e => e.Path == path);
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void Every_problem_is_reported_not_only_the_first()
    {
        var ex = Rejects(Edit(root =>
        {
            root["usageDropRatio"] = 2;
            root["tiers"]!["low-touch"]!["dormantAfterDays"] = 0;
        }));
        Assert.Contains(ex.Errors, e => e.Path == "usageDropRatio");
        Assert.Contains(ex.Errors, e => e.Path == "tiers.low-touch.dormantAfterDays");
    }

    [Theory]
    [InlineData("""{"version":"v1","tiers":{"tech-touch":{"weights":{"adoption":1}}},"greenFromm":70}""", "greenFromm")]
    [InlineData("""{"version":"v1","tiers":{"mid-touch":{"weights":{"adoption":1}}}}""", "unknown tier 'mid-touch'")]
    [InlineData("""{"version":"v1","tiers":{"tech-touch":{"weights":{"usage":1}}}}""", "unknown component 'usage'")]
    [InlineData("""{"version":"v1","tiers":{"tech-touch":{"weights":{"adoption":"lots"}}}}""", "must be a number")]
    [InlineData("""{"tiers":{"tech-touch":{"weights":{"adoption":1}}}}""", "version")]
    [InlineData("""{"version":"v1","tiers":{"b2c":{"weights":{"adoption":1}}}}""", "must define tech-touch")]
    [InlineData("""{"version":"v1",""", "$")]
    [InlineData("", "empty")]
    public void Malformed_documents_are_rejected_with_a_reason(string json, string expected)
    {
        var ex = Rejects(json);
        Assert.Contains(ex.Errors, e => e.ToString().Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void The_schema_describes_weights_tiers_and_rule_ids()
    {
        var schema = PolicyJson.Schema();
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", schema["$schema"]!.GetValue<string>());
        var tiers = schema["properties"]!["tiers"]!;
        Assert.Contains("high-touch", tiers["propertyNames"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>()));
        var weights = tiers["additionalProperties"]!["properties"]!["weights"]!;
        Assert.Equal(7, weights["properties"]!.AsObject().Count);
        Assert.False(weights["additionalProperties"]!.GetValue<bool>());
        var ruleIds = schema["properties"]!["rules"]!["propertyNames"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>()).ToArray();
        Assert.Equal(AlertRuleCatalog.All.Select(r => r.Id), ruleIds);
    }

    [Fact]
    public void The_shipped_default_and_schema_files_match_the_code()
    {
        // docs/policy/ holds the default policy and its schema for people and tools; they must not drift from the code.
        // Regenerate them with PULSE_WRITE_POLICY_DOCS=1 dotnet test --filter The_shipped_default_and_schema_files_match_the_code.
        var docs = Path.Combine(RepoRoot(), "docs", "policy");
        if (Environment.GetEnvironmentVariable("PULSE_WRITE_POLICY_DOCS") == "1")
        {
            Directory.CreateDirectory(docs);
            File.WriteAllText(Path.Combine(docs, "default-policy.json"), DefaultJson + "\n");
            File.WriteAllText(Path.Combine(docs, "policy.schema.json"), PolicyJson.Schema().ToJsonString(PolicyJson.Options) + "\n");
        }
        Assert.Equal(DefaultJson.ReplaceLineEndings("\n").Trim(), File.ReadAllText(Path.Combine(docs, "default-policy.json")).ReplaceLineEndings("\n").Trim());
        Assert.Equal(PolicyJson.Schema().ToJsonString(PolicyJson.Options).ReplaceLineEndings("\n").Trim(),
            File.ReadAllText(Path.Combine(docs, "policy.schema.json")).ReplaceLineEndings("\n").Trim());
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Cluster.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Cluster.sln not found above " + AppContext.BaseDirectory);
    }
}
