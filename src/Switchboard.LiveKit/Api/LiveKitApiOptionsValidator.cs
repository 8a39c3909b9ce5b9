using Microsoft.Extensions.Options;

namespace Switchboard.LiveKit.Api;

/// <summary>Checks <see cref="LiveKitApiOptions"/> when the client first reads them; messages name settings, never the secret.</summary>
internal sealed class LiveKitApiOptionsValidator : IValidateOptions<LiveKitApiOptions>
{
    private static readonly TimeSpan MaxTimeout = TimeSpan.FromMinutes(10);

    public ValidateOptionsResult Validate(string? name, LiveKitApiOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Url))
        {
            failures.Add($"{LiveKitApiOptions.Section}:Url is required to call the LiveKit server API.");
        }
        else if (TwirpClient.HttpBase(options.Url) is null)
        {
            failures.Add($"{LiveKitApiOptions.Section}:Url must be an absolute https, http, wss or ws URL.");
        }

        if (string.IsNullOrEmpty(options.ApiKey))
        {
            failures.Add($"{LiveKitApiOptions.Section}:ApiKey is required to call the LiveKit server API.");
        }

        if (string.IsNullOrEmpty(options.ApiSecret))
        {
            failures.Add($"{LiveKitApiOptions.Section}:ApiSecret is required to call the LiveKit server API.");
        }

        if (options.AttemptTimeout <= TimeSpan.Zero || options.AttemptTimeout > MaxTimeout)
        {
            failures.Add($"{LiveKitApiOptions.Section}:AttemptTimeout must be positive and at most {MaxTimeout}.");
        }

        if (options.TotalTimeout < options.AttemptTimeout || options.TotalTimeout > MaxTimeout)
        {
            failures.Add($"{LiveKitApiOptions.Section}:TotalTimeout must be at least AttemptTimeout and at most {MaxTimeout}.");
        }

        if (options.MaxRetries is < 0 or > 10)
        {
            failures.Add($"{LiveKitApiOptions.Section}:MaxRetries must be between 0 and 10.");
        }

        if (options.RetryDelay < TimeSpan.Zero || options.RetryDelay > TimeSpan.FromSeconds(30))
        {
            failures.Add($"{LiveKitApiOptions.Section}:RetryDelay must be between 0 and 30 seconds.");
        }

        if (options.TokenLifetime < TimeSpan.FromSeconds(30) || options.TokenLifetime > TimeSpan.FromHours(1))
        {
            failures.Add($"{LiveKitApiOptions.Section}:TokenLifetime must be between 30 seconds and 1 hour.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
