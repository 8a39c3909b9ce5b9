namespace Switchboard.Data;

/// <summary>
/// Ids for timeline entries (<c>call_events</c>), strictly increasing in this process. A call's timeline orders entries by
/// time, then by id; version-7 GUIDs order by millisecond only (the rest is random), so two entries made within one
/// millisecond, as group commit makes them, would fall in a random order. Each id here is a version-7 GUID, or the last
/// one plus one when that would not sort after it.
/// </summary>
public static class TimelineIds
{
    private static readonly Lock Gate = new();
    private static Guid _last;

    public static Guid Next()
    {
        var next = Guid.CreateVersion7();
        lock (Gate)
        {
            if (next.CompareTo(_last) <= 0)
            {
                next = Increment(_last);
            }

            _last = next;
            return next;
        }
    }

    /// <summary>The GUID that sorts right after <paramref name="id"/> (as PostgreSQL and text order it: by its bytes, big-endian).</summary>
    private static Guid Increment(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _);
        for (var i = 15; i >= 0 && ++bytes[i] == 0; i--)
        {
        }

        return new Guid(bytes, bigEndian: true);
    }
}
