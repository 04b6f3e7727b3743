from factrack.cli import app

app(prog_name="factrack")
