using Vigil.Cli;

return await VigilCommand.RunAsync(args);
