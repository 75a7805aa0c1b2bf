"""JupyterHub configuration for a course on one server (the Littlest JupyterHub's layout, or a plain jupyterhub).

What tests/test_hub.py runs on loopback is this setup with the dummy authenticator: each student is a Unix user,
their server and kernels run as that user in their home folder (mode 0700), JupyterLab opens by default, and
nbgitpuller (installed in the students' environment) brings the exercises. Replace the authenticator with your
institution's (OAuth/LDAP); put TLS in front (the Littlest JupyterHub does it with `tljh-config`).
Not run here as such: the test writes its own copy of these settings with loopback addresses and free ports.
"""
c = get_config()  # noqa: F821 -- traitlets provides get_config() to configuration files

# Students' servers: one Unix user each (created by the hub's PAM setup or your provisioning).
c.JupyterHub.spawner_class = "localprocess"
c.Spawner.default_url = "/lab"
# The students' environment (see README.md, "What the course installs"): its jupyterhub-singleuser.
c.Spawner.cmd = ["/opt/workbook-env/bin/jupyterhub-singleuser"]
c.Spawner.environment = {"PATH": "/opt/workbook-env/bin:/usr/local/bin:/usr/bin:/bin"}
# `make bench-hub` measured about 205 MB per student (server and kernel, chapter 1's notebook run; README.md,
# "How many students one machine holds"). A limit is enforced only by spawners that can (systemd, Kubernetes).
c.Spawner.mem_limit = "1G"
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120

# Stop idle servers so that the memory of students who left is given back (jupyterhub-idle-culler, from PyPI):
# c.JupyterHub.services = [{"name": "idle-culler", "command": [sys.executable, "-m", "jupyterhub_idle_culler",
#                                                              "--timeout=3600"]}]
# c.JupyterHub.load_roles = [{"name": "idle-culler", "services": ["idle-culler"],
#                             "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"]}]

# How many servers may start at once when a whole class logs in at the start of a lesson.
c.JupyterHub.concurrent_spawn_limit = 30

# Authentication: your institution's. For a trial on a laptop only:
# c.JupyterHub.authenticator_class = "dummy"; c.DummyAuthenticator.password = "..."; c.Authenticator.allow_all = True
