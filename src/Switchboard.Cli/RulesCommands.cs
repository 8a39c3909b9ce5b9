using System.CommandLine;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Switchboard.Core.Configuration;
using Switchboard.Core.DispatchRules;

namespace Switchboard.Cli;

/// <summary>
/// <c>switchboard rules eval</c> and <c>switchboard rules validate</c>: LiveKit's trunk and dispatch-rule matching, run
/// locally on a file, without a database or a LiveKit server. The file is a Switchboard configuration (its <c>livekit</c>
/// section), or LiveKit's own JSON: <c>{"trunks": […], "dispatch_rules": […]}</c> or an <c>lk … list --json</c> listing.
/// </summary>
internal static class RulesCommands
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly string[] RulesKeys = ["trunks", "dispatch_rules", "dispatchRules", "items"];

    public static Command Create()
    {
        var config = ConfigOption();
        var from = new Option<string>("--from") { Description = "The caller: the From-URI user part, exactly as the provider sends it.", Required = true };
        var to = new Option<string>("--to") { Description = "The dialed number: the To-URI user part, exactly as the provider sends it.", Required = true };
        var fromHost = new Option<string>("--from-host") { Description = "The From-URI host.", DefaultValueFactory = _ => "" };
        var toHost = new Option<string>("--to-host") { Description = "The To-URI host (LiveKit does not match on it).", DefaultValueFactory = _ => "" };
        var sourceIp = new Option<string>("--source-ip") { Description = "The IP the INVITE comes from; without one, allowed_addresses checks pass.", DefaultValueFactory = _ => "" };
        var pin = new Option<string>("--pin") { Description = "The PIN the caller entered (the second evaluation).", DefaultValueFactory = _ => "" };
        var noPin = new Option<bool>("--no-pin") { Description = "The caller pressed only # (the second evaluation, without a PIN)." };
        var callId = new Option<string>("--call-id") { Description = "LiveKit's call id, copied into sip.callID.", DefaultValueFactory = _ => "" };
        var eval = new Command("eval", "Print what LiveKit would do with a call, as JSON: result, trunk, rule, room, participant, attributes, agents.")
        {
            config, from, to, fromHost, toHost, sourceIp, pin, noPin, callId,
        };
        eval.Validators.Add(result =>
        {
            if (result.GetValue(noPin) && !string.IsNullOrEmpty(result.GetValue(pin)))
            {
                result.AddError("--pin and --no-pin cannot be used together.");
            }
        });
        eval.SetAction((parse, cancellationToken) => EvalAsync(parse.GetValue(config)!, new DispatchRequest
        {
            Calling = parse.GetValue(from)!,
            Called = parse.GetValue(to)!,
            CallingHost = parse.GetValue(fromHost)!,
            CalledHost = parse.GetValue(toHost)!,
            SourceIp = parse.GetValue(sourceIp)!,
            Pin = parse.GetValue(pin)!,
            NoPin = parse.GetValue(noPin),
            CallId = parse.GetValue(callId)!,
        }, cancellationToken));

        var validateConfig = ConfigOption();
        var validate = new Command("validate", "List what LiveKit would refuse (conflicting trunks or rules), then warnings; exit code 1 if anything is refused.")
        {
            validateConfig,
        };
        validate.SetAction((parse, cancellationToken) => ValidateAsync(parse.GetValue(validateConfig)!, cancellationToken));

        return new Command("rules", "LiveKit's inbound trunks and dispatch rules, evaluated as LiveKit evaluates them.") { eval, validate };
    }

    private static Option<FileInfo> ConfigOption() => new("--config")
    {
        Description = "A Switchboard configuration file (its livekit section), or LiveKit's JSON: {\"trunks\", \"dispatch_rules\"} or {\"items\"}.",
        Required = true,
    };

    private static async Task<int> EvalAsync(FileInfo file, DispatchRequest request, CancellationToken cancellationToken)
    {
        var (rules, _, errors) = await LoadAsync(file, cancellationToken);
        if (rules is null)
        {
            return await ReportAsync(file, errors);
        }

        var result = new DispatchRuleMatcher(rules).Evaluate(request, () => RandomNumberGenerator.GetString(RoomSuffix.Alphabet, RoomSuffix.Length));
        Console.WriteLine(ToJson(result));
        return Cli.Ok;
    }

    private static async Task<int> ValidateAsync(FileInfo file, CancellationToken cancellationToken)
    {
        var (rules, prefix, errors) = await LoadAsync(file, cancellationToken);
        if (rules is null)
        {
            return await ReportAsync(file, errors);
        }

        foreach (var warning in LiveKitRulesValidation.Warnings(rules))
        {
            await Console.Error.WriteLineAsync($"warning: {prefix}{warning}");
        }

        Console.WriteLine($"OK: {rules.Trunks.Count} inbound trunk(s), {rules.DispatchRules.Count} dispatch rule(s), no conflicts.");
        return Cli.Ok;
    }

    /// <summary>
    /// The rules in the file, or every error (schema and conflicts) with its path; <c>Prefix</c> is where the rules sit in
    /// the file (<c>livekit.</c> in a configuration), for paths computed from the rules alone.
    /// </summary>
    private static async Task<(LiveKitRules? Rules, string Prefix, IReadOnlyList<ConfigError> Errors)> LoadAsync(FileInfo file, CancellationToken cancellationToken)
    {
        if (!file.Exists)
        {
            return (null, "", [new ConfigError("$", $"{file.FullName}: no such file.")]);
        }

        if (file.Length > ConfigParser.MaxDocumentBytes)
        {
            return (null, "", [new ConfigError("$", $"{file.Name}: larger than {ConfigParser.MaxDocumentBytes} bytes.")]);
        }

        var text = await File.ReadAllTextAsync(file.FullName, cancellationToken);
        if (IsRulesFile(text))
        {
            var parsed = LiveKitRulesJson.Parse(text);
            if (!parsed.IsValid)
            {
                return (null, "", parsed.Errors);
            }

            var conflicts = LiveKitRulesValidation.Validate(parsed.Rules);
            return conflicts.Count == 0 ? (parsed.Rules, "", []) : (null, "", conflicts);
        }

        // A configuration is validated whole, conflicts in its livekit section included.
        var config = ConfigParser.Parse(text);
        return config.IsValid ? (config.Config.LiveKit, "livekit.", []) : (null, "livekit.", config.Errors);
    }

    /// <summary>LiveKit's own JSON: an object whose keys are a rules document's or a listing's, which a configuration never has.</summary>
    private static bool IsRulesFile(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.EnumerateObject().Any(p => RulesKeys.Contains(p.Name, StringComparer.Ordinal));
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static async Task<int> ReportAsync(FileInfo file, IReadOnlyList<ConfigError> errors)
    {
        foreach (var error in errors)
        {
            await Console.Error.WriteLineAsync(error.Path == "$" && error.Message.EndsWith('.') ? error.Message : error.ToString());
        }

        if (file.Exists)
        {
            await Console.Error.WriteLineAsync($"{errors.Count} error(s) in {file.Name}.");
        }

        return Cli.Failed;
    }

    private static string ToJson(DispatchResult result)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, Indented))
        {
            json.WriteStartObject();
            json.WriteString("result", result.Outcome.Code());
            json.WriteString("error", result.Error);
            json.WriteString("trunk_id", result.TrunkId);
            json.WriteString("rule_id", result.RuleId);
            json.WriteString("room_name", result.RoomName);
            json.WriteString("participant_identity", result.ParticipantIdentity);
            json.WriteString("participant_name", result.ParticipantName);
            json.WriteString("participant_metadata", result.ParticipantMetadata);
            json.WriteStartObject("attributes");
            foreach (var (key, value) in result.Attributes)
            {
                json.WriteString(key, value);
            }

            json.WriteEndObject();
            json.WriteStartArray("agents");
            foreach (var agent in result.Agents)
            {
                json.WriteStartObject();
                json.WriteString("agent_name", agent.AgentName);
                json.WriteString("metadata", agent.Metadata);
                json.WriteString("restart_policy", agent.RestartPolicy);
                json.WriteString("deployment", agent.Deployment);
                json.WriteStartObject("attributes");
                foreach (var (key, value) in agent.Attributes)
                {
                    json.WriteString(key, value);
                }

                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }
}
