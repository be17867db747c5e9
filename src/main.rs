//! The `adrgov` binary: parse the command line, run, map the result to an exit code.

fn main() -> std::process::ExitCode {
    adrgov::main_with_args(std::env::args_os())
}
