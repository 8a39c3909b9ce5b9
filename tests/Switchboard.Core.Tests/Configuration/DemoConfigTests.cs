using Switchboard.Core.Configuration;
using Xunit;

namespace Switchboard.Core.Tests.Configuration;

/// <summary><c>examples/demo.yaml</c> is documentation: these tests keep it true.</summary>
public sealed class DemoConfigTests
{
    private static readonly string DemoText = File.ReadAllText(Path.Combine(RepositoryRoot(), "examples", "demo.yaml"));

    [Fact]
    public void The_demo_configuration_parses_without_errors()
    {
        var result = ConfigParser.Parse(DemoText);

        Assert.True(result.IsValid, string.Join('\n', result.Errors));
        Assert.Empty(result.Errors);
    }

    [Fact]
    public void The_demo_has_two_tenants_three_campaigns_and_five_numbers()
    {
        var config = ConfigParser.Parse(DemoText).Config!;

        Assert.Equal(["acme", "globex"], config.Tenants.Select(t => t.Id));
        Assert.Equal(3, config.Tenants.Sum(t => t.Campaigns.Count));
        Assert.Equal(5, config.Tenants.Sum(t => t.Numbers.Count));
        Assert.Equal(["America/New_York", "Europe/London"], config.Tenants.Select(t => t.TimeZone));
        Assert.Equal("telephony-agent", config.DefaultAgent);
        Assert.Single(config.BlockedCallers);
    }

    [Fact]
    public void The_demo_numbers_are_normalised_to_E164()
    {
        var config = ConfigParser.Parse(DemoText).Config!;

        Assert.Equal(
            ["+18005550100", "+18005550101", "+18005550102", "+442079460018", "+442079460019"],
            config.Tenants.SelectMany(t => t.Numbers).Select(n => n.Number.Value));
    }

    [Fact]
    public void The_demo_routes_a_UK_number_to_its_campaign()
    {
        var table = ConfigParser.Parse(DemoText).Config!.ToRoutingTable(version: 1);

        var route = table.Find(PhoneNumber.Parse("+44 20 7946 0018"));

        Assert.NotNull(route);
        Assert.Equal(("globex", "open-house", "globex-viewings-agent"), (route.Tenant.Id, route.Campaign?.Id, route.Campaign?.Agent));
    }

    [Fact]
    public void The_demo_survives_a_round_trip()
    {
        var config = ConfigParser.Parse(DemoText).Config!;

        var reparsed = ConfigParser.Parse(ConfigWriter.ToYaml(config));

        Assert.Equal(ConfigWriter.ToYaml(config), ConfigWriter.ToYaml(reparsed.Config!));
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Switchboard.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Switchboard.slnx above {AppContext.BaseDirectory}.");
    }
}
