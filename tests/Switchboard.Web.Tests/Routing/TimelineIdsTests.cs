using Switchboard.Data;
using Xunit;

namespace Switchboard.Web.Tests.Routing;

/// <summary>Timeline ids sort in the order they were made, as the databases sort them (uuid bytes; uppercase text on SQLite), even within one millisecond.</summary>
public sealed class TimelineIdsTests
{
    [Fact]
    public void Ids_made_in_a_burst_sort_in_the_order_they_were_made()
    {
        var ids = Enumerable.Range(0, 20_000).Select(_ => TimelineIds.Next()).ToList();

        for (var i = 1; i < ids.Count; i++)
        {
            Assert.True(ids[i].CompareTo(ids[i - 1]) > 0, $"{ids[i]} after {ids[i - 1]}");
            Assert.True(string.CompareOrdinal(ids[i].ToString().ToUpperInvariant(), ids[i - 1].ToString().ToUpperInvariant()) > 0, $"{ids[i]} after {ids[i - 1]} as text");
            Assert.Equal(7, ids[i].Version);
        }
    }
}
