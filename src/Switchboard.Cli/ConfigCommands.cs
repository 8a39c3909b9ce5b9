using System.CommandLine;
using Switchboard.Core.Configuration;
using Switchboard.Data;

namespace Switchboard.Cli;

/// <summary><c>switchboard config apply FILE [--prune]</c> and <c>switchboard config export [--format yaml|json]</c>.</summary>
internal static class ConfigCommands
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "The configuration (YAML or JSON)." };
        var prune = new Option<bool>("--prune") { Description = "Remove what the file lacks (what has history is archived; calls and leads are never deleted)." };
        var apply = new Command("apply", "Validate a whole configuration file and apply it in one transaction.") { file, prune };
        apply.SetAction((parse, cancellationToken) => ApplyAsync(parse.GetValue(file)!, parse.GetValue(prune), cancellationToken));

        var format = new Option<string>("--format") { Description = "yaml or json.", DefaultValueFactory = _ => "yaml" };
        format.AcceptOnlyFromAmong("yaml", "json");
        var export = new Command("export", "Print the configuration in force, in the schema 'apply' takes.") { format };
        export.SetAction((parse, cancellationToken) => ExportAsync(parse.GetValue(format)!, cancellationToken));

        return new Command("config", "Configuration as code.") { apply, export };
    }

    public static async Task<int> ApplyAsync(FileInfo file, bool prune, CancellationToken cancellationToken)
    {
        if (!file.Exists)
        {
            return await Cli.FailAsync($"{file.FullName}: no such file.");
        }

        if (file.Length > ConfigParser.MaxDocumentBytes)
        {
            return await Cli.FailAsync($"{file.Name}: larger than {ConfigParser.MaxDocumentBytes} bytes.");
        }

        var parsed = ConfigParser.Parse(await File.ReadAllTextAsync(file.FullName, cancellationToken));
        if (!parsed.IsValid)
        {
            foreach (var error in parsed.Errors)
            {
                await Console.Error.WriteLineAsync(error.ToString());
            }

            await Console.Error.WriteLineAsync($"{parsed.Errors.Count} error(s) in {file.Name}; nothing was changed.");
            return Cli.Failed;
        }

        using var host = await Cli.StartDataHostAsync(cancellationToken);
        await using var scope = host.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<ConfigStore>()
            .ApplyAsync(parsed.Config, prune, "cli", TimeProvider.System.GetUtcNow().UtcDateTime, cancellationToken);
        foreach (var change in result.Changes)
        {
            Console.WriteLine(change);
        }

        Console.WriteLine(result.Changed ? $"Applied: configuration version {result.Version}." : $"No changes: configuration version {result.Version} stays in force.");
        return Cli.Ok;
    }

    private static async Task<int> ExportAsync(string format, CancellationToken cancellationToken)
    {
        using var host = await Cli.StartDataHostAsync(cancellationToken);
        await using var scope = host.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<ConfigStore>().LoadAsync(cancellationToken);
        Console.Write(format == "json" ? ConfigWriter.ToJson(stored.Config) : ConfigWriter.ToYaml(stored.Config));
        return Cli.Ok;
    }
}
