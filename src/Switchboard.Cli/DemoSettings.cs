using Switchboard.Web;

namespace Switchboard.Cli;

/// <summary>
/// Development keys for <c>serve --demo</c> and <c>call</c> when nothing is configured: LiveKit's own
/// development pair (<c>livekit-server --dev</c> uses devkey/secret) and a fixed admin key. Never used
/// when real keys are configured.
/// </summary>
internal static class DemoSettings
{
    public const string ApiKey = "devkey";
    public const string ApiSecret = "secret";
    public const string AdminKey = "demo-admin-key";

    public static Dictionary<string, string?> MissingKeys(IConfiguration configuration)
    {
        var settings = new Dictionary<string, string?>();
        if (string.IsNullOrEmpty(configuration[$"{LiveKitOptions.Section}:ApiKey"]) && !configuration.GetSection($"{SwitchboardOptions.Section}:WebhookKeys").GetChildren().Any())
        {
            settings[$"{LiveKitOptions.Section}:ApiKey"] = ApiKey;
            settings[$"{LiveKitOptions.Section}:ApiSecret"] = ApiSecret;
        }

        if (!configuration.GetSection($"{SwitchboardOptions.Section}:AdminKeys").GetChildren().Any())
        {
            settings[$"{SwitchboardOptions.Section}:AdminKeys:0"] = AdminKey;
        }

        return settings;
    }
}
