using Curation.Invocations;

return CurateApp.Run(args, Console.Out, Console.Error);
