using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Switchboard.LiveKit.Api;

/// <summary>Registers the LiveKit server API clients.</summary>
public static class LiveKitApiServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="AgentDispatchClient"/>, <see cref="SipClient"/> and <see cref="RoomServiceClient"/> (singletons) over
    /// one resilient HttpClient. <see cref="LiveKitApiOptions"/> are bound from the <c>LiveKit</c> configuration section when an
    /// <see cref="IConfiguration"/> is registered, then <paramref name="configure"/> runs. The options are validated when a
    /// client is first resolved, so a host that never calls LiveKit starts without them.
    /// </summary>
    public static IServiceCollection AddLiveKitApi(this IServiceCollection services, Action<LiveKitApiOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var registered = services.Any(service => service.ServiceType == typeof(TwirpClient));
        if (!registered)
        {
            // Options configure in registration order: the configuration section first, then each caller's delegate.
            services.AddSingleton<IConfigureOptions<LiveKitApiOptions>>(sp => new ConfigureOptions<LiveKitApiOptions>(
                o => sp.GetService<IConfiguration>()?.GetSection(LiveKitApiOptions.Section).Bind(o)));
        }

        if (configure is not null)
        {
            services.Configure(configure);
        }

        if (registered)
        {
            return services;
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LiveKitApiOptions>, LiveKitApiOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(TwirpClient.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .AddResilienceHandler(TwirpResilience.PipelineName, TwirpResilience.Configure);
        services.AddSingleton<TwirpClient>();
        services.AddSingleton(sp => new AgentDispatchClient(sp.GetRequiredService<TwirpClient>()));
        services.AddSingleton(sp => new SipClient(sp.GetRequiredService<TwirpClient>()));
        services.AddSingleton(sp => new RoomServiceClient(sp.GetRequiredService<TwirpClient>()));
        return services;
    }
}
