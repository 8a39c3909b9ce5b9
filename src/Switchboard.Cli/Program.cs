using System.CommandLine;
using Switchboard.Cli;

var root = new RootCommand("Switchboard: decides, in a few milliseconds, who answers an inbound phone call on LiveKit.")
{
    ServeCommand.Create(),
    ConfigCommands.Create(),
    RouteCommand.Create(),
    RulesCommands.Create(),
    LiveKitCommands.Create(),
    CallCommand.Create(),
    DbCommands.Create(),
};

return await Cli.InvokeAsync(root, args);
