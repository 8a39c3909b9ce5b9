using Microsoft.Extensions.DependencyInjection.Extensions;
using Switchboard.LiveKit.Api;
using Switchboard.Web.Workers;

namespace Switchboard.Web.LiveKitSync;

/// <summary>Registers what keeps LiveKit's trunk and dispatch rules in line with Switchboard's configuration.</summary>
public static class LiveKitSyncServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="LiveKitSynchronizer"/> (over the LiveKit API client, whose <c>LiveKit:Url/ApiKey/ApiSecret</c> are checked when it
    /// is first resolved) and <see cref="LiveKitTrunkOptions"/> from <c>LiveKit:Trunk</c>. Needs an <see cref="IConfiguration"/>.
    /// </summary>
    public static IServiceCollection AddLiveKitSync(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddLiveKitApi();
        services.AddOptions<LiveKitTrunkOptions>().BindConfiguration(LiveKitTrunkOptions.Section);
        services.TryAddSingleton<LiveKitSynchronizer>();
        return services;
    }

    /// <summary><see cref="AddLiveKitSync"/> and the <see cref="StaticRulesSync"/> worker, which acts only in static mode with the API configured.</summary>
    public static IServiceCollection AddStaticRulesSync(this IServiceCollection services)
    {
        services.AddLiveKitSync();
        services.AddHostedService<StaticRulesSync>();
        return services;
    }
}
