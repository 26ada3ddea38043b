use clap::Parser;

fn main() -> anyhow::Result<()> {
    let cli = bailleur_server::cli::Cli::parse();
    bailleur_server::telemetry::init(cli.log_json);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(bailleur_server::cli::run(cli))
}
