using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Switchboard.Data;

/// <summary>Tells storage faults (database down, timeout, lost connection) from bugs, so the webhook can answer degraded instead of failing.</summary>
public static class StorageFault
{
    public static bool Is(Exception exception) => exception switch
    {
        DbException or TimeoutException or DbUpdateException => true,
        InvalidOperationException { InnerException: { } inner } => Is(inner),
        System.Net.Sockets.SocketException or IOException => true,
        _ => false,
    };
}
